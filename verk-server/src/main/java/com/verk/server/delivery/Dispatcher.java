package com.verk.server.delivery;

import com.verk.server.events.DeliveryWakeup;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 */
final class Dispatcher implements DeliveryWakeup, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  /** Limits and timing. */
  record Settings(
      int maxInFlight, int maxPerWebhook, int batchSize, Duration lease, Duration pollInterval) {}

  private final Clock clock;
  private final DeliveryClaims claims;
  private final DeliveryStore store;
  private final Sending sending;
  private final Recorder recorder;
  private final Settings settings;
  private final String node;
  private final Semaphore signal = new Semaphore(0);
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<String, Integer> perWebhook = new ConcurrentHashMap<>();
  private final Thread loop;
  private volatile boolean running = true;
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
      String node) {
    this.clock = clock;
    this.claims = claims;
    this.store = store;
    this.sending = sending;
    this.recorder = recorder;
    this.settings = settings;
    this.node = node;
    this.loop = new Thread(this::run, "verk-dispatcher");
    this.loop.setDaemon(true);
  }

  void start() {
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
    return loop.isAlive();
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
    while (running) {
      int free = settings.maxInFlight() - inFlight.get();
      if (free <= 0) {
        starved = true;
        progressed();
        return;
      }
      Set<String> saturated =
          perWebhook.entrySet().stream()
              .filter(e -> e.getValue() >= settings.maxPerWebhook())
              .map(Map.Entry::getKey)
              .collect(Collectors.toSet());
      int limit = Math.min(free, settings.batchSize());
      long now = clock.millis();
      List<String> ids =
          claims.claim(node, now, now + settings.lease().toMillis(), limit, saturated);
      starved = !saturated.isEmpty() || ids.size() == limit;
      progressed();
      if (ids.isEmpty()) {
        return;
      }
      lastClaimAt = now;
      int released = startAll(store.load(ids), now);
      if (ids.size() < limit && released == 0) {
        return;
      }
    }
  }

  // A busy pass may loop for a long time, so progress is each successful step, not the pass end.
  private void progressed() {
    lastCycleNanos = System.nanoTime();
    cycled = true;
  }

  private int startAll(List<Job> jobs, long now) {
    List<String> skip = new ArrayList<>();
    List<String> release = new ArrayList<>();
    for (Job job : jobs) {
      if (!job.webhookActive() && !job.test()) {
        skip.add(job.deliveryId());
      } else if (perWebhook.getOrDefault(job.webhookId(), 0) >= settings.maxPerWebhook()) {
        release.add(job.deliveryId());
      } else {
        start(job);
      }
    }
    if (!skip.isEmpty()) {
      store.skip(skip, node, now);
    }
    if (!release.isEmpty()) {
      store.release(release, node, now);
      starved = true;
    }
    return release.size();
  }

  private void start(Job job) {
    inFlight.incrementAndGet();
    perWebhook.merge(job.webhookId(), 1, Integer::sum);
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
                inFlight.decrementAndGet();
                perWebhook.computeIfPresent(job.webhookId(), (k, v) -> v <= 1 ? null : v - 1);
                if (starved) {
                  wake();
                }
              }
            });
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis()); // back off after an unexpected failure, e.g. DB down
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    wake();
    try {
      loop.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
