package com.verk.server.delivery;

import com.verk.server.storage.DatabaseKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The per-webhook rate limit, shared by every node: one row per limited webhook in {@code
 * webhook_rate_buckets}, read and written in one short transaction per claim (rows locked in id
 * order on PostgreSQL, so two nodes never deadlock; SQLite serialises writers anyway). Because all
 * nodes take their sends from the same row, the limit holds for the cluster, not per node.
 *
 * <p>The algorithm is GCRA (the generic cell rate algorithm, a token bucket kept as one time): with
 * a limit of {@code r} per second, sends are spaced {@code interval = 1/r} apart, and a send is
 * allowed while its slot is less than {@code tolerance = burst * interval} ahead of now, where
 * {@code burst = max(1, r / 10)} sends may leave in one pass. Any window of {@code W} seconds
 * therefore holds at most {@code W * r + burst} sends: {@code r + 1} in one second below 20/s,
 * about 10% over the limit above (measured at the sender; the network adds its jitter).
 *
 * <p>Claimed deliveries that find no room wait: they get distinct times spaced one interval apart
 * after the ones already waiting ({@code deferred_until_us}), so that each comes due when the
 * bucket has room for it, instead of all of them coming back at once. That horizon is never more
 * than {@link #MAX_AHEAD_US} ahead of the next send (deliveries past it share that time and are
 * placed again when it comes), and a back-pressure pause resets it ({@link #resetWaiting}).
 */
final class RateBuckets {

  /** The farthest a waiting delivery is placed ahead of the bucket's next send: one hour. */
  static final long MAX_AHEAD_US = 3_600_000_000L;

  /** The bucket's state: the next send's slot and where the next waiting delivery goes. */
  record State(long nextSendUs, long deferredUntilUs) {}

  /**
   * What one webhook got: {@code granted} of the wanted sends may leave now; the others wait until
   * {@code waitUntil} (epoch millis, one per waiting delivery, in order).
   */
  record Grant(int granted, List<Long> waitUntil, State after) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final DatabaseKind kind;

  RateBuckets(DataSource dataSource, DatabaseKind kind) {
    this.jdbc = JdbcClient.create(dataSource);
    this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    this.kind = kind;
  }

  /** What a webhook wants from its bucket: its limit and how many sends. */
  record Want(int rateLimit, int sends) {}

  /**
   * Takes sends from the buckets of the given webhooks, in one transaction: all or nothing. A
   * webhook deleted meanwhile has no bucket and is left out of the answer (its deliveries are gone
   * too).
   */
  Map<String, Grant> acquire(Map<String, Want> wants, long nowMillis) {
    if (wants.isEmpty()) {
      return Map.of();
    }
    TreeMap<String, Want> sorted = new TreeMap<>(wants);
    return tx.execute(
        status -> {
          for (String id : sorted.keySet()) {
            jdbc.sql(
                    """
                    INSERT INTO webhook_rate_buckets (webhook_id, rate_limit, next_send_us,
                      deferred_until_us)
                    SELECT id, :rate, 0, 0 FROM webhooks WHERE id = :id
                    ON CONFLICT (webhook_id) DO NOTHING""")
                .param("id", id)
                .param("rate", sorted.get(id).rateLimit())
                .update();
          }
          List<String> ids = List.copyOf(sorted.keySet());
          kind.lockRows(
              jdbc,
              "SELECT webhook_id FROM webhook_rate_buckets WHERE webhook_id IN (:ids)"
                  + " ORDER BY webhook_id",
              Map.of("ids", ids));
          Map<String, State> states = new HashMap<>();
          jdbc.sql(
                  "SELECT webhook_id, rate_limit, next_send_us, deferred_until_us"
                      + " FROM webhook_rate_buckets WHERE webhook_id IN (:ids)")
              .param("ids", ids)
              .query(
                  rs -> {
                    String id = rs.getString(1);
                    // A changed limit starts from a full bucket and nobody waiting.
                    boolean same = rs.getInt(2) == sorted.get(id).rateLimit();
                    states.put(
                        id, same ? new State(rs.getLong(3), rs.getLong(4)) : new State(0, 0));
                  });
          Map<String, Grant> grants = new HashMap<>();
          for (Map.Entry<String, Want> e : sorted.entrySet()) {
            State state = states.get(e.getKey());
            if (state == null) {
              continue;
            }
            Grant grant = decide(state, e.getValue().rateLimit(), e.getValue().sends(), nowMillis);
            jdbc.sql(
                    "UPDATE webhook_rate_buckets SET rate_limit = :rate, next_send_us = :next,"
                        + " deferred_until_us = :deferred WHERE webhook_id = :id")
                .param("rate", e.getValue().rateLimit())
                .param("next", grant.after().nextSendUs())
                .param("deferred", grant.after().deferredUntilUs())
                .param("id", e.getKey())
                .update();
            grants.put(e.getKey(), grant);
          }
          return grants;
        });
  }

  /**
   * A new pause moves the webhook's waiting deliveries to its end, so the horizon of waiting
   * deliveries starts again from the next send (called in the recording transaction).
   */
  static void resetWaiting(JdbcClient jdbc, String webhookId) {
    jdbc.sql("UPDATE webhook_rate_buckets SET deferred_until_us = 0 WHERE webhook_id = :id")
        .param("id", webhookId)
        .update();
  }

  /** Sends spaced {@code 1/rate} apart, in microseconds (rounded up: never faster). */
  static long intervalUs(int rateLimit) {
    return (1_000_000L + rateLimit - 1) / rateLimit;
  }

  /** Sends that may leave in one pass: a tenth of a second's worth, at least one. */
  static int burst(int rateLimit) {
    return Math.max(1, rateLimit / 10);
  }

  /**
   * How far ahead of now a send's slot may be (exclusive): one pass's burst. A pass that comes up
   * to that late after a slot (the loop wakes on time, give or take the database and the machine)
   * still uses the slot, instead of losing it.
   */
  static long tolerance(int rateLimit) {
    return burst(rateLimit) * intervalUs(rateLimit);
  }

  /** The GCRA step, pure: how many of {@code wanted} sends may leave now, when the others wait. */
  static Grant decide(State state, int rateLimit, int wanted, long nowMillis) {
    long now = nowMillis * 1000;
    long interval = intervalUs(rateLimit);
    long tolerance = tolerance(rateLimit);
    long next = Math.max(state.nextSendUs(), now);
    int granted = 0;
    while (granted < wanted && next - now < tolerance) {
      next += interval;
      granted++;
    }
    long limit = next + MAX_AHEAD_US;
    long deferred = Math.min(Math.max(state.deferredUntilUs(), next), limit);
    List<Long> waits = new ArrayList<>(wanted - granted);
    for (int i = granted; i < wanted; i++) {
      waits.add((deferred + 999) / 1000);
      deferred = Math.min(deferred + interval, limit);
    }
    return new Grant(granted, waits, new State(next, deferred));
  }
}
