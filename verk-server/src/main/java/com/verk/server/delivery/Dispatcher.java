package com.verk.server.delivery;

import com.verk.server.events.DeliveryWakeup;
import com.verk.server.system.DatabaseUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop that claims due deliveries and starts their requests. It sleeps until woken (after a
 * commit that queued work, or when a finished request frees room it was waiting for) or until the
 * poll interval passes, which catches retries coming due and leases expiring.
 *
 * <p>A claimed delivery's life, from claim to the recorder, is held in {@link Holdings}. Each step
 * that can fail gives back what it took: a load that fails releases the claimed leases, a skip that
 * fails lets them expire, a send that fails unexpectedly frees its slot and lets its lease expire,
 * so no counter leaks and no delivery waits for a restart. {@link #dispatch()} is one pass, which a
 * test calls by hand instead of starting the thread.
 */
final class Dispatcher implements DeliveryWakeup, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final int MAX_WAKEUPS = 10_000;

  /** Timing; {@code attemptBudget} is the longest an attempt can take to record. */
  record Settings(int batchSize, Duration lease, Duration pollInterval, Duration attemptBudget) {}

  private final Clock clock;
  private final DeliveryStore store;
  private final Function<List<String>, List<Job>> loader;
  private final Sending sending;
  private final Recorder recorder;
  private final RateBuckets rates;
  private final Holdings holdings;
  private final Settings settings;
  private final String node;
  private final Semaphore signal = new Semaphore(0);
  // Leases to give back at the next pass (parked too long, or could not be released at once).
  private final ConcurrentLinkedQueue<String> giveBack = new ConcurrentLinkedQueue<>();
  // When deliveries this node made wait (rate limit, pause) come due: the loop wakes then instead
  // of at the next poll. Bounded; past the bound the poll finds them.
  private final TreeSet<Long> wakeAt = new TreeSet<>();
  private long lastRenewal;
  private Thread loop;
  private volatile boolean running;
  // Set when the last claim was limited by room: a finished request should then wake us.
  private volatile boolean starved;
  // For health: monotonic time of the last successful claim step, clock time of the last claim
  // that returned work (0 = never).
  private volatile long lastCycleNanos;
  private volatile boolean cycled;
  private volatile long lastClaimAt;

  Dispatcher(
      Clock clock,
      DeliveryStore store,
      Function<List<String>, List<Job>> loader,
      Sending sending,
      Recorder recorder,
      RateBuckets rates,
      Holdings holdings,
      Settings settings,
      String node) {
    this.clock = clock;
    this.store = store;
    this.loader = loader;
    this.sending = sending;
    this.recorder = recorder;
    this.rates = rates;
    this.holdings = holdings;
    this.settings = settings;
    this.node = node;
  }

  /** Starts the loop; after {@link #close()} it can be started again (paused test contexts). */
  synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    loop = new Thread(this::run, "verk-dispatcher");
    loop.setDaemon(true);
    loop.start();
  }

  @Override
  public void wake() {
    if (signal.availablePermits() == 0) {
      signal.release();
    }
  }

  /** Takes a pending wake-up, if any (tests: would the loop start its next pass at once?). */
  boolean takeWakeUp() {
    return signal.drainPermits() > 0;
  }

  int inFlight() {
    return holdings.inFlight();
  }

  Holdings holdings() {
    return holdings;
  }

  boolean alive() {
    Thread current = loop;
    return current != null && current.isAlive();
  }

  /** Time since the loop last made a successful claim step, or null before the first one. */
  Duration sinceLastCycle() {
    return cycled ? Duration.ofNanos(System.nanoTime() - lastCycleNanos) : null;
  }

  /** Clock millis of the last claim that returned work, or 0 if none. */
  long lastClaimAt() {
    return lastClaimAt;
  }

  private void run() {
    while (running) {
      try {
        dispatch();
        signal.tryAcquire(sleepMillis(), TimeUnit.MILLISECONDS);
        signal.drainPermits();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        if (DatabaseUnavailable.is(e)) {
          log.warn(
              "Database unavailable; claiming again after the poll interval: {}", e.toString());
        } else {
          log.error("Dispatcher pass failed; retrying after the poll interval", e);
        }
        sleepQuietly(settings.pollInterval());
      }
    }
  }

  /**
   * One pass: gives back stale leases, renews held ones, starts parked jobs that have room, then
   * claims and starts work until nothing more is due or there is no room. Returns how many
   * deliveries it claimed.
   */
  int dispatch() {
    giveBackLeases();
    startParked();
    int total = 0;
    // Organizations that filled their share of a claim in this pass: the next claim leaves them
    // out, so that one organization's backlog of old due rows cannot hide everyone else's.
    Set<String> capped = new HashSet<>();
    while (true) {
      renewLeases();
      int free = holdings.free();
      if (free <= 0) {
        starved = true;
        progressed();
        return total;
      }
      Set<String> webhooks = holdings.saturatedWebhooks();
      Set<String> orgs = holdings.saturatedOrgs();
      orgs.addAll(capped);
      int limit = Math.min(free, settings.batchSize());
      long now = clock.millis();
      long leaseUntil = now + settings.lease().toMillis();
      Holdings.Limits limits = holdings.limits();
      List<DeliveryStore.Claimed> claimed =
          store.claim(
              new DeliveryStore.ClaimRequest(
                  node,
                  now,
                  leaseUntil,
                  limit,
                  limits.perWebhook(),
                  limits.perOrg(),
                  webhooks,
                  orgs));
      List<String> ids = claimed.stream().map(DeliveryStore.Claimed::id).toList();
      holdings.leased(ids);
      progressed();
      if (!ids.isEmpty()) {
        total += ids.size();
        lastClaimAt = now;
        start(ids, now, leaseUntil);
      }
      boolean newlyCapped = capped.addAll(fullShares(claimed, limits.perOrg()));
      starved =
          ids.size() == limit
              || !holdings.saturatedOrgs().isEmpty()
              || !holdings.saturatedWebhooks().isEmpty();
      if (ids.isEmpty() || (ids.size() < limit && !newlyCapped)) {
        if (!capped.isEmpty()) {
          // Left out for the rest of this pass only: more of their rows may be due, and once
          // their requests finish (at once, on a fast endpoint) nothing else would wake us before
          // the poll interval, so the next pass starts right away.
          wake();
        }
        return total;
      }
    }
  }

  /** The organizations that got a whole share of this claim: more of theirs may be waiting. */
  private static Set<String> fullShares(List<DeliveryStore.Claimed> claimed, int perOrg) {
    Map<String, Integer> counts = new HashMap<>();
    claimed.forEach(c -> counts.merge(c.orgId(), 1, Integer::sum));
    Set<String> full = new HashSet<>();
    counts.forEach(
        (org, n) -> {
          if (n >= perOrg) {
            full.add(org);
          }
        });
    return full;
  }

  // A busy pass may loop for a long time, so progress is each successful step, not the pass end.
  private void progressed() {
    lastCycleNanos = System.nanoTime();
    cycled = true;
  }

  /** Loads the claimed deliveries and starts, parks or skips each; gives back what it cannot. */
  private void start(List<String> ids, long now, long leaseUntil) {
    List<Job> jobs;
    try {
      jobs = loader.apply(ids);
    } catch (RuntimeException e) {
      log.warn("Could not load {} claimed deliveries; giving their leases back", ids.size(), e);
      release(ids);
      return;
    }
    if (jobs.size() < ids.size()) {
      // Deleted with their webhook between the claim and the load: nothing left to hold.
      Set<String> found = new HashSet<>();
      jobs.forEach(j -> found.add(j.deliveryId()));
      holdings.letGo(ids.stream().filter(id -> !found.contains(id)).toList());
    }
    List<String> skip = new ArrayList<>();
    List<Job> ready = new ArrayList<>();
    Map<String, Long> wait = new LinkedHashMap<>();
    Map<String, List<Job>> limited = new LinkedHashMap<>();
    List<String> noRoom = new ArrayList<>();
    for (Job job : jobs) {
      if (!job.webhookActive() && !job.test()) {
        skip.add(job.deliveryId());
      } else if (job.pausedAt(now)) {
        wait.put(job.deliveryId(), job.pausedUntil()); // back-pressure: not an attempt
      } else if (holdings.tryReserve(job)) {
        if (job.rateLimited()) {
          limited.computeIfAbsent(job.webhookId(), k -> new ArrayList<>()).add(job);
        } else {
          ready.add(job);
        }
      } else if (job.rateLimited()) {
        // A token is taken right before the send, never for a parked job (it would leave later,
        // on top of the sends of that time): no room, so back to the queue. Its webhook or
        // organization is saturated, hence left out of claims until a request finishes.
        noRoom.add(job.deliveryId());
      } else {
        holdings.park(job, leaseUntil);
      }
    }
    if (!skip.isEmpty()) {
      try {
        store.skip(skip, node, now);
      } catch (RuntimeException e) {
        log.warn(
            "Could not skip {} deliveries of disabled webhooks; retried later", skip.size(), e);
      } finally {
        holdings.letGo(skip); // skipped, or their leases expire and the next claim skips them
      }
    }
    ready.addAll(takeTokens(limited, wait, now));
    makeWait(wait, now);
    if (!noRoom.isEmpty()) {
      release(noRoom);
    }
    ready.forEach(this::send);
  }

  /**
   * The rate limit: each limited webhook's reserved jobs take sends from its bucket (shared by the
   * cluster); those granted go on, the others give their slot back and wait until the bucket has
   * room for them ({@code wait}). If the bucket cannot be read, the jobs give their slots and
   * leases back and are claimed again: no token was taken (the transaction rolled back).
   */
  private List<Job> takeTokens(Map<String, List<Job>> limited, Map<String, Long> wait, long now) {
    if (limited.isEmpty()) {
      return List.of();
    }
    Map<String, RateBuckets.Want> wants = new HashMap<>();
    limited.forEach(
        (webhook, list) ->
            wants.put(webhook, new RateBuckets.Want(list.get(0).rateLimit(), list.size())));
    Map<String, RateBuckets.Grant> grants;
    try {
      grants = rates.acquire(wants, now);
    } catch (RuntimeException e) {
      List<String> ids = new ArrayList<>();
      limited.values().forEach(list -> list.forEach(j -> ids.add(j.deliveryId())));
      log.warn("Could not take rate-limit tokens for {} deliveries; claimed again", ids.size(), e);
      limited.values().forEach(list -> list.forEach(this::finished));
      release(ids);
      return List.of();
    }
    List<Job> go = new ArrayList<>();
    limited.forEach(
        (webhook, list) -> {
          RateBuckets.Grant grant = grants.get(webhook);
          for (int i = 0; i < list.size(); i++) {
            Job job = list.get(i);
            if (grant == null) {
              // The webhook was deleted meanwhile: so were its deliveries.
              finished(job);
              holdings.letGo(job.deliveryId());
            } else if (i < grant.granted()) {
              go.add(job);
            } else {
              finished(job);
              wait.put(job.deliveryId(), grant.waitUntil().get(i - grant.granted()));
            }
          }
        });
    return go;
  }

  /**
   * Gives claimed deliveries back with a later due time (rate limit or pause): no attempt is used.
   * If that write fails, their leases are released (claimed again at once, and made to wait again);
   * if the release fails too, they expire.
   */
  private void makeWait(Map<String, Long> wait, long now) {
    if (wait.isEmpty()) {
      return;
    }
    try {
      store.defer(wait, node, now);
      holdings.letGo(wait.keySet());
      wakeAt(wait.values());
    } catch (RuntimeException e) {
      log.warn("Could not make {} deliveries wait; giving their leases back", wait.size(), e);
      release(new ArrayList<>(wait.keySet()));
    }
  }

  private void wakeAt(Collection<Long> times) {
    synchronized (wakeAt) {
      for (Long t : times) {
        if (wakeAt.size() < MAX_WAKEUPS) {
          wakeAt.add(t);
        } else if (t < wakeAt.last()) {
          wakeAt.pollLast();
          wakeAt.add(t);
        }
      }
    }
  }

  /** Until the next poll, or earlier when deliveries this node made wait come due. */
  private long sleepMillis() {
    long poll = settings.pollInterval().toMillis();
    long now = clock.millis();
    synchronized (wakeAt) {
      wakeAt.headSet(now, true).clear();
      if (wakeAt.isEmpty()) {
        return poll;
      }
      return Math.max(1, Math.min(poll, wakeAt.first() - now));
    }
  }

  /** Sends a job whose slot is reserved; whatever happens, the slot is given back. */
  private void send(Job job) {
    try {
      sending
          .send(job, node)
          .whenComplete(
              (attempt, error) -> {
                // The slot first: once the outcome is queued, the request is over.
                try {
                  finished(job);
                } finally {
                  if (attempt != null) {
                    recorder.submit(attempt);
                  } else {
                    abandon(job, error);
                  }
                }
              });
    } catch (RuntimeException | Error e) {
      abandon(job, e);
      finished(job);
    }
  }

  /** Nothing to record: stop renewing the lease, so the delivery is claimed again once it ends. */
  private void abandon(Job job, Throwable error) {
    log.error(
        "Sending {} failed unexpectedly; it is sent again when its lease ends",
        job.deliveryId(),
        error);
    holdings.letGo(job.deliveryId());
  }

  /** Frees the slot and starts the next parked delivery of the same organization, if any. */
  private void finished(Job job) {
    List<String> expired = new ArrayList<>();
    List<Job> next = holdings.finished(job, latestSafeStart(), expired);
    giveBack.addAll(expired);
    next.forEach(this::send);
    if (starved || !giveBack.isEmpty()) {
      wake();
    }
  }

  private void startParked() {
    List<String> expired = new ArrayList<>();
    List<Job> next = holdings.startable(latestSafeStart(), expired);
    giveBack.addAll(expired);
    next.forEach(this::send);
  }

  // A parked job starts only if its lease still covers a whole attempt.
  private long latestSafeStart() {
    return clock.millis() + settings.attemptBudget().toMillis();
  }

  private void giveBackLeases() {
    List<String> ids = new ArrayList<>();
    for (String id = giveBack.poll(); id != null; id = giveBack.poll()) {
      ids.add(id);
    }
    if (!ids.isEmpty()) {
      release(ids);
    }
  }

  /** Gives leases back for a claim at once; if that fails they simply expire. */
  private void release(List<String> ids) {
    try {
      store.release(ids, node, clock.millis());
    } catch (RuntimeException e) {
      log.warn("Could not release {} leases; they expire instead", ids.size(), e);
    } finally {
      holdings.letGo(ids);
    }
  }

  /**
   * A slow endpoint or a busy database must not let a live node's lease lapse mid-attempt (another
   * node would send the delivery again), so held leases are extended every third of a lease. A node
   * that dies stops renewing, and its leases expire as before.
   */
  private void renewLeases() {
    long now = clock.millis();
    long lease = settings.lease().toMillis();
    if (Math.abs(now - lastRenewal) < lease / 3) {
      return;
    }
    List<String> held = holdings.leasedIds();
    if (held.isEmpty()) {
      return;
    }
    store.renew(held, node, now + lease);
    lastRenewal = now;
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis()); // back off after an unexpected failure, e.g. DB down
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops claiming and gives back the leases of parked deliveries. Restartable. */
  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    wake();
    try {
      loop.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    giveBack.addAll(holdings.unparkAll());
    giveBackLeases();
  }
}
