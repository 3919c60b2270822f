package com.verk.server.delivery;

import com.verk.server.events.DeliveryWakeup;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop that claims due deliveries and starts their requests. It sleeps until woken (after a
 * commit that queued work, or when a finished request frees room it was waiting for) or until the
 * poll interval passes, which catches retries coming due and leases expiring. Requests run
 * asynchronously under a global and a per-webhook in-flight limit; outcomes go to the {@link
 * Recorder}.
 *
 * <p>Claimed deliveries of a webhook at its limit wait in a small local queue and start as that
 * webhook's requests finish, as long as their lease still covers a whole attempt; otherwise they
 * are released for a later claim. Saturated webhooks are left out of claims, so a slow endpoint
 * holds at most its limit plus one batch.
 */
final class Dispatcher implements DeliveryWakeup, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  /** Limits and timing; {@code attemptBudget} is the longest an attempt can take to record. */
  record Settings(
      int maxInFlight,
      int maxPerWebhook,
      int batchSize,
      Duration lease,
      Duration pollInterval,
      Duration attemptBudget) {}

  private record Parked(Job job, long leaseUntil) {}

  private final Clock clock;
  private final DeliveryClaims claims;
  private final DeliveryStore store;
  private final Sending sending;
  private final Recorder recorder;
  private final Settings settings;
  private final String node;
  private final Semaphore signal = new Semaphore(0);
  private final Object lock = new Object();
  // Guarded by lock (inFlight is also read without it by the gauge).
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<String, Integer> perWebhook = new HashMap<>();
  private final Map<String, Queue<Parked>> parked = new HashMap<>();
  private int parkedCount;
  private final Queue<String> expired = new ConcurrentLinkedQueue<>();
  // Claimed and not yet recorded; their leases are renewed while this node lives.
  private final Set<String> held;
  private long lastRenewal;
  private Thread loop;
  private volatile boolean running;
  // Set when the last claim was limited by free room: a finished request should then wake us.
  private volatile boolean starved;
  // For health: monotonic time of the last successful claim step, clock time of the last claim
  // that returned work (0 = never).
  private volatile long lastCycleNanos;
  private volatile boolean cycled;
  private volatile long lastClaimAt;

  Dispatcher(
      Clock clock,
      DeliveryClaims claims,
      DeliveryStore store,
      Sending sending,
      Recorder recorder,
      Settings settings,
      String node,
      Set<String> held) {
    this.held = held;
    this.clock = clock;
    this.claims = claims;
    this.store = store;
    this.sending = sending;
    this.recorder = recorder;
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

  int inFlight() {
    return inFlight.get();
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
        signal.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        signal.drainPermits();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        log.error("Dispatcher pass failed; retrying after the poll interval", e);
        sleepQuietly(settings.pollInterval());
      }
    }
  }

  /** Claims and starts work until nothing more is due or there is no room. */
  void dispatch() {
    releaseExpired();
    while (running) {
      renewLeases();
      int free;
      Set<String> saturated;
      synchronized (lock) {
        free = settings.maxInFlight() - inFlight.get() - parkedCount;
        saturated =
            perWebhook.entrySet().stream()
                .filter(e -> e.getValue() >= settings.maxPerWebhook())
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
      }
      if (free <= 0) {
        starved = true;
        progressed();
        return;
      }
      int limit = Math.min(free, settings.batchSize());
      long now = clock.millis();
      long leaseUntil = now + settings.lease().toMillis();
      List<String> ids =
          claims.claim(node, now, leaseUntil, limit, settings.maxPerWebhook(), saturated);
      held.addAll(ids);
      starved = !saturated.isEmpty() || ids.size() == limit;
      progressed();
      if (!ids.isEmpty()) {
        lastClaimAt = now;
        startAll(store.load(ids), now, leaseUntil);
      }
      if (ids.size() < limit) {
        return;
      }
    }
  }

  // A busy pass may loop for a long time, so progress is each successful step, not the pass end.
  private void progressed() {
    lastCycleNanos = System.nanoTime();
    cycled = true;
  }

  private void startAll(List<Job> jobs, long now, long leaseUntil) {
    List<String> skip = new ArrayList<>();
    List<Job> ready = new ArrayList<>();
    synchronized (lock) {
      for (Job job : jobs) {
        if (!job.webhookActive() && !job.test()) {
          skip.add(job.deliveryId());
        } else if (perWebhook.getOrDefault(job.webhookId(), 0) >= settings.maxPerWebhook()) {
          parked
              .computeIfAbsent(job.webhookId(), k -> new ArrayDeque<>())
              .add(new Parked(job, leaseUntil));
          parkedCount++;
          starved = true;
        } else {
          reserve(job);
          ready.add(job);
        }
      }
    }
    if (!skip.isEmpty()) {
      store.skip(skip, node, now);
      held.removeAll(skip);
    }
    ready.forEach(this::send);
  }

  private void reserve(Job job) {
    inFlight.incrementAndGet();
    perWebhook.merge(job.webhookId(), 1, Integer::sum);
  }

  private void send(Job job) {
    sending
        .send(job, node)
        .whenComplete(
            (attempt, error) -> {
              try {
                if (attempt != null) {
                  recorder.submit(attempt);
                } else {
                  log.error("Sending {} failed unexpectedly", job.deliveryId(), error);
                }
              } finally {
                finished(job.webhookId());
              }
            });
  }

  /** Frees the slot and hands it to the next parked delivery of the same webhook, if any. */
  private void finished(String webhookId) {
    Job next = null;
    synchronized (lock) {
      inFlight.decrementAndGet();
      perWebhook.computeIfPresent(webhookId, (k, v) -> v <= 1 ? null : v - 1);
      Queue<Parked> queue = parked.get(webhookId);
      long latestSafeStart = clock.millis() + settings.attemptBudget().toMillis();
      while (queue != null && !queue.isEmpty() && next == null) {
        Parked p = queue.poll();
        parkedCount--;
        if (p.leaseUntil() > latestSafeStart) {
          next = p.job();
          reserve(next);
        } else {
          expired.add(p.job().deliveryId()); // its lease could end mid-attempt: give it back
        }
      }
      if (queue != null && queue.isEmpty()) {
        parked.remove(webhookId);
      }
    }
    if (next != null) {
      send(next);
    }
    if (starved || !expired.isEmpty()) {
      wake();
    }
  }

  private void releaseExpired() {
    List<String> ids = new ArrayList<>();
    for (String id = expired.poll(); id != null; id = expired.poll()) {
      ids.add(id);
    }
    if (!ids.isEmpty()) {
      store.release(ids, node, clock.millis());
      held.removeAll(ids);
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
    if (Math.abs(now - lastRenewal) < lease / 3 || held.isEmpty()) {
      return;
    }
    lastRenewal = now;
    store.renew(List.copyOf(held), node, now + lease);
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
    synchronized (lock) {
      parked.values().forEach(q -> q.forEach(p -> expired.add(p.job().deliveryId())));
      parked.clear();
      parkedCount = 0;
    }
    try {
      releaseExpired();
    } catch (RuntimeException e) {
      log.warn("Could not release parked deliveries; their leases will expire", e);
    }
  }
}
