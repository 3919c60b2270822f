package com.verk.server.delivery;

import com.verk.server.system.Ids;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Group commit: outcomes queue up while one writer thread records as many as are waiting in a
 * single transaction (attempt rows, the deliveries' new state, webhook health). Under load that
 * turns thousands of small commits into a few large ones. If a batch cannot be written, its leases
 * simply expire and the deliveries are sent again: at-least-once, never lost.
 */
final class Recorder implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Recorder.class);
  private static final int MAX_BATCH = 1000;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final RetryPolicy retries;
  private final JsonMapper json;
  private final BlockingQueue<Attempt> queue = new LinkedBlockingQueue<>();
  private final Set<String> held;
  private Thread writer;
  private volatile boolean running;

  /**
   * @param held the deliveries this node holds leases on; an attempt leaves it once recorded (or
   *     given up on), after which its lease is no longer renewed
   */
  Recorder(DataSource dataSource, RetryPolicy retries, JsonMapper json, Set<String> held) {
    this.held = held;
    this.jdbc = new JdbcTemplate(dataSource);
    this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    this.retries = retries;
    this.json = json;
  }

  /** Starts the writer; after {@link #close()} it can be started again. */
  synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    writer = new Thread(this::run, "verk-recorder");
    writer.setDaemon(true);
    writer.start();
  }

  void submit(Attempt attempt) {
    queue.add(attempt);
  }

  int backlog() {
    return queue.size();
  }

  private void run() {
    List<Attempt> batch = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        Attempt first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        try {
          writeWithRetry(batch);
        } finally {
          batch.forEach(a -> held.remove(a.job().deliveryId()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        log.error("Recorder failed; continuing", e);
      } finally {
        batch.clear();
      }
    }
  }

  private void writeWithRetry(List<Attempt> batch) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        write(batch);
        return;
      } catch (RuntimeException e) {
        if (attempt >= 3) {
          log.error(
              "Could not record {} delivery outcomes; their leases will expire and they will be"
                  + " sent again",
              batch.size(),
              e);
          return;
        }
        log.warn("Recording {} outcomes failed (try {}), retrying", batch.size(), attempt, e);
        Thread.sleep(100L * attempt); // back off a busy database before the next try
      }
    }
  }

  /** Records {@code batch} in one transaction; also used directly by Send Test. */
  void write(List<Attempt> batch) {
    tx.executeWithoutResult(
        status -> {
          insertAttempts(batch);
          updateDeliveries(batch);
          markSuccesses(batch);
          disableExhausted(batch);
        });
  }

  private void insertAttempts(List<Attempt> batch) {
    // INSERT ... SELECT ... WHERE EXISTS: a delivery deleted with its webhook meanwhile must not
    // fail the whole batch on the foreign key.
    jdbc.batchUpdate(
        "INSERT INTO delivery_attempts (id, delivery_id, webhook_id, number, attempted_at, success,"
            + " response_status, response_time_ms, error, response_body, request_headers)"
            + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
            + " WHERE EXISTS (SELECT 1 FROM deliveries WHERE id = ?)",
        batch,
        batch.size(),
        (PreparedStatement ps, Attempt a) -> {
          Outcome o = a.outcome();
          ps.setString(1, Ids.next("att"));
          ps.setString(2, a.job().deliveryId());
          ps.setString(3, a.job().webhookId());
          ps.setInt(4, a.number());
          ps.setLong(5, a.attemptedAt());
          ps.setBoolean(6, o.success());
          setInteger(ps, 7, o.status());
          ps.setLong(8, o.responseTimeMs());
          setText(ps, 9, o.error());
          setText(ps, 10, o.responseBody());
          setText(ps, 11, json.writeValueAsString(a.requestHeaders()));
          ps.setString(12, a.job().deliveryId());
        });
  }

  private void updateDeliveries(List<Attempt> batch) {
    jdbc.batchUpdate(
        "UPDATE deliveries SET status = ?, attempts = ?, next_attempt_at = ?,"
            + " first_attempt_at = COALESCE(first_attempt_at, ?), last_attempt_at = ?,"
            + " response_status = ?, response_time_ms = ?, last_error = ?, lease_owner = NULL,"
            + " lease_expires_at = NULL, updated_at = ? WHERE id = ? AND lease_owner = ?",
        batch,
        batch.size(),
        (PreparedStatement ps, Attempt a) -> {
          Outcome o = a.outcome();
          OptionalLong next = next(a);
          String status = o.success() ? "succeeded" : next.isPresent() ? "pending" : "failed";
          ps.setString(1, status);
          ps.setInt(2, a.number());
          if (next.isPresent()) {
            ps.setLong(3, next.getAsLong());
          } else {
            ps.setNull(3, Types.BIGINT);
          }
          ps.setLong(4, a.attemptedAt());
          ps.setLong(5, a.attemptedAt());
          setInteger(ps, 6, o.status());
          ps.setLong(7, o.responseTimeMs());
          setText(ps, 8, o.error());
          ps.setLong(9, a.attemptedAt());
          ps.setString(10, a.job().deliveryId());
          ps.setString(11, a.leaseOwner());
        });
  }

  private void markSuccesses(List<Attempt> batch) {
    // One row per webhook and batch, not per attempt: a busy webhook would otherwise make every
    // batch update its row hundreds of times.
    Map<String, Long> latest = new HashMap<>();
    for (Attempt a : batch) {
      if (a.outcome().success() && !a.job().test()) {
        latest.merge(a.job().webhookId(), a.attemptedAt(), Math::max);
      }
    }
    if (latest.isEmpty()) {
      return;
    }
    jdbc.batchUpdate(
        "UPDATE webhooks SET last_success_at = ?"
            + " WHERE id = ? AND (last_success_at IS NULL OR last_success_at < ?)",
        latest.entrySet(),
        latest.size(),
        (PreparedStatement ps, Map.Entry<String, Long> e) -> {
          ps.setLong(1, e.getValue());
          ps.setString(2, e.getKey());
          ps.setLong(3, e.getValue());
        });
  }

  /**
   * The disable rule: a delivery's last retry failed and nothing reached the webhook since that
   * delivery's first attempt. Runs after {@link #markSuccesses} so a success in the same batch
   * counts.
   */
  private void disableExhausted(List<Attempt> batch) {
    for (Attempt a : batch) {
      if (a.outcome().success() || a.job().test() || next(a).isPresent()) {
        continue;
      }
      long firstAttempt =
          a.job().firstAttemptAt() != null ? a.job().firstAttemptAt() : a.attemptedAt();
      String reason =
          "Disabled after delivery "
              + a.job().deliveryId()
              + " failed "
              + (a.number() - a.job().retryBase())
              + " attempts with no successful delivery since its first attempt; last error: "
              + a.outcome().error();
      int changed =
          jdbc.update(
              "UPDATE webhooks SET active = FALSE, disabled_at = ?, disabled_reason = ?,"
                  + " updated_at = ? WHERE id = ? AND active = TRUE"
                  + " AND (last_success_at IS NULL OR last_success_at < ?)",
              a.attemptedAt(),
              reason,
              a.attemptedAt(),
              a.job().webhookId(),
              firstAttempt);
      if (changed > 0) {
        log.warn("Webhook {} disabled: {}", a.job().webhookId(), reason);
      }
    }
  }

  private OptionalLong next(Attempt a) {
    if (a.outcome().success()) {
      return OptionalLong.empty();
    }
    return retries.nextAttemptAt(a.number() - a.job().retryBase(), a.attemptedAt(), a.job().test());
  }

  private static void setInteger(PreparedStatement ps, int index, Integer value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setInt(index, value);
    }
  }

  private static void setText(PreparedStatement ps, int index, String value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      // PostgreSQL text cannot hold NUL, and a receiver's garbage must never fail a batch.
      ps.setString(index, value.replace('\u0000', '\uFFFD'));
    }
  }

  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    try {
      writer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
