package com.verk.server.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Periodic jobs that are safe when every node runs them: sampling the queue gauges, and purging
 * history older than the retention period in small batches (idempotent deletes; a row another node
 * removed first is simply not there). Pending deliveries are never purged.
 */
final class Housekeeping implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
  private static final int BATCH = 1000;

  private final JdbcTemplate jdbc;
  private final DeliveryStore store;
  private final Clock clock;
  private final Duration retention;
  private final DeliveryMetrics metrics;
  private ScheduledExecutorService scheduler;

  Housekeeping(
      JdbcTemplate jdbc,
      DeliveryStore store,
      Clock clock,
      Duration retention,
      DeliveryMetrics metrics) {
    this.jdbc = jdbc;
    this.store = store;
    this.clock = clock;
    this.retention = retention;
    this.metrics = metrics;
  }

  synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "verk-housekeeping");
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleWithFixedDelay(guarded("sampling", this::sample), 0, 15, TimeUnit.SECONDS);
    scheduler.scheduleWithFixedDelay(guarded("retention", this::purge), 1, 10, TimeUnit.MINUTES);
  }

  void sample() {
    long now = clock.millis();
    long due = store.countDue(now);
    Long disabled =
        jdbc.queryForObject("SELECT COUNT(*) FROM webhooks WHERE active = FALSE", Long.class);
    metrics.sampled(due, disabled == null ? 0 : disabled);
  }

  /** Deletes finished deliveries (with their attempts) and events older than the retention. */
  int purge() {
    long cutoff = clock.millis() - retention.toMillis();
    int deliveries = 0;
    int n;
    do {
      // Attempts go with their delivery (ON DELETE CASCADE); each batch is its own transaction.
      n = store.purgeFinished(cutoff, BATCH);
      deliveries += n;
    } while (n >= BATCH);
    int events =
        deleteInBatches(
            "DELETE FROM events WHERE id IN (SELECT e.id FROM events e WHERE e.occurred_at < ?"
                + " AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id) LIMIT "
                + BATCH
                + ")",
            cutoff);
    if (deliveries + events > 0) {
      log.info(
          "Retention purged {} deliveries and {} events older than {}",
          deliveries,
          events,
          retention);
    }
    return deliveries + events;
  }

  private int deleteInBatches(String sql, long cutoff) {
    int total = 0;
    int n;
    do {
      n = jdbc.update(sql, cutoff);
      total += n;
    } while (n >= BATCH);
    return total;
  }

  private static Runnable guarded(String name, Runnable job) {
    return () -> {
      try {
        job.run();
      } catch (RuntimeException | Error e) {
        log.warn("Housekeeping job {} failed; it runs again later", name, e);
      }
    };
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }
}
