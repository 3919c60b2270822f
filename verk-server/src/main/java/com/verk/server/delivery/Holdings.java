package com.verk.server.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything this node holds of the deliveries it claimed, in one place: the leases it keeps alive,
 * the requests in flight (in all, per organization, per webhook) and the jobs parked until their
 * webhook or organization has room. Every change is one method under one lock, so that no path can
 * forget a counter: a lease leaves with {@link #letGo}, a reservation with {@link #finished}, and
 * {@link #snapshot} lets a test check after each injected failure that nothing was kept.
 */
final class Holdings {

  /**
   * In-flight limits of this node: overall, per organization, per webhook. An organization's limit
   * is the share it is always guaranteed; while the node holds less than {@link #lendingBelow()}
   * (half of {@code global}) an organization past its share may take more, so that one
   * organization's backlog on an otherwise idle node is not held to its share, and the other half
   * stays free for everyone else's shares.
   */
  record Limits(int global, int perOrg, int perWebhook) {
    Limits {
      if (global < 1 || perOrg < 1 || perWebhook < 1) {
        throw new IllegalArgumentException("In-flight limits must be at least 1: " + this);
      }
    }

    /** Below this many held (in flight plus parked), shares are lent out. */
    int lendingBelow() {
      return global / 2;
    }
  }

  /** What is held right now, for health, metrics and tests. */
  record Snapshot(
      int leased,
      int inFlight,
      int parked,
      Map<String, Integer> inFlightPerOrg,
      Map<String, Integer> inFlightPerWebhook) {

    boolean empty() {
      return leased == 0 && inFlight == 0 && parked == 0;
    }
  }

  private record Parked(Job job, long leaseUntil) {}

  private final Limits limits;
  private final Set<String> leased = new HashSet<>();
  private final Map<String, Integer> perOrg = new HashMap<>();
  private final Map<String, Integer> perWebhook = new HashMap<>();
  private final Map<String, ArrayDeque<Parked>> parked = new LinkedHashMap<>();
  private final Map<String, Integer> parkedPerOrg = new HashMap<>();
  private int inFlight;
  private int parkedCount;

  Holdings(Limits limits) {
    this.limits = limits;
  }

  Limits limits() {
    return limits;
  }

  /** Claimed: this node keeps these leases alive until it lets them go. */
  synchronized void leased(Collection<String> ids) {
    leased.addAll(ids);
  }

  /** Recorded, released, skipped or abandoned: the lease is no longer renewed. */
  synchronized void letGo(Collection<String> ids) {
    leased.removeAll(ids);
  }

  synchronized void letGo(String id) {
    leased.remove(id);
  }

  synchronized List<String> leasedIds() {
    return List.copyOf(leased);
  }

  /** Room for another claim: the global limit less what is in flight or parked. */
  synchronized int free() {
    return limits.global() - inFlight - parkedCount;
  }

  synchronized int inFlight() {
    return inFlight;
  }

  /** Webhooks at their in-flight limit: claims leave them out. */
  synchronized Set<String> saturatedWebhooks() {
    Set<String> out = new HashSet<>();
    perWebhook.forEach(
        (id, n) -> {
          if (n >= limits.perWebhook()) {
            out.add(id);
          }
        });
    return out;
  }

  /**
   * Organizations whose in-flight and parked work reach their limit: claims leave them out. None
   * while the node lends (see {@link Limits}).
   */
  synchronized Set<String> saturatedOrgs() {
    Set<String> out = new HashSet<>();
    if (lending()) {
      return out;
    }
    for (String org : union(perOrg.keySet(), parkedPerOrg.keySet())) {
      if (perOrg.getOrDefault(org, 0) + parkedPerOrg.getOrDefault(org, 0) >= limits.perOrg()) {
        out.add(org);
      }
    }
    return out;
  }

  /** Reserves a slot for {@code job} if it and its organization and webhook have room. */
  synchronized boolean tryReserve(Job job) {
    if (!hasRoom(job)) {
      return false;
    }
    inFlight++;
    perOrg.merge(job.orgId(), 1, Integer::sum);
    perWebhook.merge(job.webhookId(), 1, Integer::sum);
    return true;
  }

  /** Keeps a claimed job until its organization or webhook has room (see {@link #startable}). */
  synchronized void park(Job job, long leaseUntil) {
    parked.computeIfAbsent(job.orgId(), k -> new ArrayDeque<>()).add(new Parked(job, leaseUntil));
    parkedPerOrg.merge(job.orgId(), 1, Integer::sum);
    parkedCount++;
  }

  /**
   * Gives back the slot of a finished request (whatever became of it) and reserves the next parked
   * job of the same organization that may start now.
   *
   * @param latestSafeStart a parked job whose lease ends before this is added to {@code expired}
   *     instead: its lease could run out mid-attempt
   */
  synchronized List<Job> finished(Job job, long latestSafeStart, List<String> expired) {
    inFlight--;
    decrement(perOrg, job.orgId());
    decrement(perWebhook, job.webhookId());
    List<Job> start = new ArrayList<>(1);
    takeFrom(job.orgId(), latestSafeStart, expired, start, 1);
    return start;
  }

  /** Reserves every parked job that may start now; stale ones go to {@code expired}. */
  synchronized List<Job> startable(long latestSafeStart, List<String> expired) {
    List<Job> start = new ArrayList<>();
    for (String org : List.copyOf(parked.keySet())) {
      takeFrom(org, latestSafeStart, expired, start, Integer.MAX_VALUE);
    }
    return start;
  }

  /** Empties the parking (the node stops); returns the ids whose leases should be given back. */
  synchronized List<String> unparkAll() {
    List<String> ids = new ArrayList<>(parkedCount);
    parked.values().forEach(q -> q.forEach(p -> ids.add(p.job().deliveryId())));
    parked.clear();
    parkedPerOrg.clear();
    parkedCount = 0;
    return ids;
  }

  synchronized Snapshot snapshot() {
    return new Snapshot(
        leased.size(), inFlight, parkedCount, Map.copyOf(perOrg), Map.copyOf(perWebhook));
  }

  private void takeFrom(
      String org, long latestSafeStart, List<String> expired, List<Job> start, int max) {
    ArrayDeque<Parked> queue = parked.get(org);
    if (queue == null) {
      return;
    }
    for (Iterator<Parked> it = queue.iterator(); it.hasNext() && start.size() < max; ) {
      Parked p = it.next();
      if (p.leaseUntil() <= latestSafeStart) {
        it.remove();
        unparked(org);
        expired.add(p.job().deliveryId());
      } else if (hasRoom(p.job())) {
        it.remove();
        unparked(org);
        tryReserve(p.job());
        start.add(p.job());
      } else if (!orgHasRoom(org) || inFlight >= limits.global()) {
        break; // nothing else of this organization can start either
      }
    }
    if (queue.isEmpty()) {
      parked.remove(org);
    }
  }

  private void unparked(String org) {
    parkedCount--;
    decrement(parkedPerOrg, org);
  }

  private boolean hasRoom(Job job) {
    return inFlight < limits.global()
        && orgHasRoom(job.orgId())
        && perWebhook.getOrDefault(job.webhookId(), 0) < limits.perWebhook();
  }

  private boolean orgHasRoom(String org) {
    return perOrg.getOrDefault(org, 0) < limits.perOrg() || lending();
  }

  /** Whether the node holds little enough to lend beyond organizations' shares. */
  private boolean lending() {
    return inFlight + parkedCount < limits.lendingBelow();
  }

  private static void decrement(Map<String, Integer> counts, String key) {
    counts.computeIfPresent(key, (k, v) -> v <= 1 ? null : v - 1);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>(a);
    out.addAll(b);
    return out;
  }
}
