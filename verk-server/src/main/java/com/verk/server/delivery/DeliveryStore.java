package com.verk.server.delivery;

import com.verk.server.events.DeliveryQueue;
import com.verk.server.storage.DatabaseKind;
import com.verk.server.system.Ids;
import com.verk.server.webhooks.WebhookHeaders;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The one owner of the {@code deliveries} table's writes: the fan-out insert, the test insert, the
 * claim, skip, release and renew of leases, the recording of outcomes, redeliver and recover, and
 * the retention purge. The delivery log only reads it. States are {@link DeliveryState}s; every
 * lease-keyed write checks {@code lease_owner}, so a node whose lease was taken over changes
 * nothing.
 *
 * <p>Claims come in two shapes, both capped at {@code perOrg} rows of one organization so that one
 * organization's backlog cannot fill a claim. With nothing saturated, the oldest due rows are taken
 * through {@code deliveries_due}. With saturated webhooks or organizations (say a dead endpoint at
 * its limit, its due backlog growing with every event), that walk would step over the whole backlog
 * on every claim, so then each other webhook's oldest due rows are taken through {@code
 * deliveries_webhook_due} and the oldest of those win: the cost follows the number of webhooks, not
 * the size of anybody's backlog.
 */
final class DeliveryStore implements DeliveryQueue {

  private static final int CHUNK = 500;

  /** Stands for "nobody" in an exclusion list, which SQL does not allow to be empty. */
  private static final List<String> NOBODY = List.of("");

  private static final String DUE =
      """
      status = 'pending' AND next_attempt_at <= :now
      AND (lease_expires_at IS NULL OR lease_expires_at < :now)""";

  private static final String LEASE =
      """
      UPDATE deliveries SET lease_owner = :owner, lease_expires_at = :leaseUntil, updated_at = :now
      WHERE id IN (SELECT id FROM (SELECT id, next_attempt_at,
        ROW_NUMBER() OVER (PARTITION BY org_id ORDER BY next_attempt_at) AS rn FROM (%s) candidates
      ) ranked WHERE rn <= :perOrg ORDER BY next_attempt_at LIMIT :limit)
      RETURNING id, org_id""";

  private static final String OLDEST_DUE =
      "SELECT id, org_id, next_attempt_at FROM deliveries WHERE "
          + DUE
          + " ORDER BY next_attempt_at LIMIT :limit";

  private static final String PER_WEBHOOK_DUE =
      """
      SELECT x.id, x.next_attempt_at FROM deliveries x WHERE x.webhook_id = w.id
      AND x.status = 'pending' AND x.next_attempt_at <= :now
      AND (x.lease_expires_at IS NULL OR x.lease_expires_at < :now)
      ORDER BY x.next_attempt_at LIMIT :perWebhook""";

  private static final String OTHER_WEBHOOKS =
      "w.id NOT IN (:webhooks) AND w.org_id NOT IN (:orgs)";

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;
  private final String claimOldest;
  private final String claimPerWebhook;

  DeliveryStore(JdbcTemplate jdbc, DatabaseKind kind) {
    this.jdbc = jdbc;
    this.named = new NamedParameterJdbcTemplate(jdbc);
    this.claimOldest = LEASE.formatted(kind.claimSkippingLocked(OLDEST_DUE));
    this.claimPerWebhook =
        LEASE.formatted(
            "SELECT d.id, w.org_id, d.next_attempt_at FROM "
                + kind.eachWebhooksDue(PER_WEBHOOK_DUE)
                + " WHERE "
                + OTHER_WEBHOOKS);
  }

  /** What one claim may take and must leave alone. */
  record ClaimRequest(
      String owner,
      long now,
      long leaseUntil,
      int limit,
      int perWebhook,
      int perOrg,
      Set<String> excludedWebhooks,
      Set<String> excludedOrgs) {}

  /** A claimed delivery and its organization. */
  record Claimed(String id, String orgId) {}

  /** Leases due deliveries, oldest first, at most {@code perOrg} of one organization. */
  List<Claimed> claim(ClaimRequest r) {
    return named.query(
        claimStatement(r),
        claimArguments(r),
        (rs, n) -> new Claimed(rs.getString(1), rs.getString(2)));
  }

  /** The claim's SQL for {@code r} (named parameters), also for tests that read its plan. */
  String claimStatement(ClaimRequest r) {
    boolean saturated = !r.excludedWebhooks().isEmpty() || !r.excludedOrgs().isEmpty();
    return saturated ? claimPerWebhook : claimOldest;
  }

  MapSqlParameterSource claimArguments(ClaimRequest r) {
    return new MapSqlParameterSource()
        .addValue("owner", r.owner())
        .addValue("leaseUntil", r.leaseUntil())
        .addValue("now", r.now())
        .addValue("limit", r.limit())
        .addValue("perOrg", r.perOrg())
        .addValue("perWebhook", r.perWebhook())
        .addValue("webhooks", orNobody(r.excludedWebhooks()))
        .addValue("orgs", orNobody(r.excludedOrgs()));
  }

  @Override
  public void enqueue(
      String organizationId,
      String eventId,
      String eventType,
      List<DeliveryQueue.Subscriber> subscribers,
      long now) {
    jdbc.batchUpdate(
        """
        INSERT INTO deliveries (id, org_id, webhook_id, event_id, event_type, test, status,
          attempts, next_attempt_at, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, FALSE, ?, 0, ?, ?, ?)""",
        subscribers,
        subscribers.size(),
        (PreparedStatement ps, DeliveryQueue.Subscriber s) -> {
          ps.setString(1, Ids.next("delivery"));
          ps.setString(2, organizationId);
          ps.setString(3, s.webhookId());
          ps.setString(4, eventId);
          ps.setString(5, eventType);
          ps.setString(6, (s.active() ? DeliveryState.PENDING : DeliveryState.SKIPPED).wire());
          if (s.active()) {
            ps.setLong(7, now);
          } else {
            ps.setNull(7, Types.BIGINT);
          }
          ps.setLong(8, now);
          ps.setLong(9, now);
        });
  }

  /** A Send Test delivery, leased by {@code owner} while it sends it. */
  void insertTest(
      String deliveryId,
      String orgId,
      String webhookId,
      String eventId,
      String eventType,
      String owner,
      long leaseUntil,
      long now) {
    jdbc.update(
        """
        INSERT INTO deliveries (id, org_id, webhook_id, event_id, event_type, test, status,
          attempts, next_attempt_at, lease_owner, lease_expires_at, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, TRUE, 'pending', 0, ?, ?, ?, ?, ?)""",
        deliveryId,
        orgId,
        webhookId,
        eventId,
        eventType,
        now,
        owner,
        leaseUntil,
        now,
        now);
  }

  /** The claimed deliveries with their webhook and event; rows deleted meanwhile are missing. */
  List<Job> load(List<String> ids, Function<String, String> secrets) {
    List<Job> jobs = new ArrayList<>(ids.size());
    for (List<String> chunk : chunks(ids)) {
      jobs.addAll(
          named.query(
              """
              SELECT d.id, d.webhook_id, d.org_id, e.org_name, d.event_id, e.type, e.data,
                e.occurred_at, d.test, d.attempts, d.retry_base, d.first_attempt_at, w.url,
                w.secret, w.previous_secret, w.previous_secret_expires_at, w.active, w.headers,
                w.rate_limit, w.paused_until
              FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id
              JOIN events e ON e.id = d.event_id WHERE d.id IN (:ids)""",
              Map.of("ids", chunk),
              (rs, n) ->
                  new Job(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6),
                      rs.getString(7),
                      rs.getLong(8),
                      rs.getBoolean(9),
                      rs.getInt(10),
                      rs.getInt(11),
                      Rows.longOrNull(rs, 12),
                      rs.getString(13),
                      secrets.apply(rs.getString(14)),
                      secrets.apply(rs.getString(15)),
                      Rows.longOrNull(rs, 16),
                      rs.getBoolean(17),
                      WebhookHeaders.decode(secrets.apply(rs.getString(18))),
                      Rows.intOrNull(rs, 19),
                      Rows.longOrNull(rs, 20))));
    }
    return jobs;
  }

  /** Deliveries of a webhook that was disabled after they were queued are not sent. */
  void skip(Collection<String> ids, String owner, long now) {
    leaseKeyed(
        """
        UPDATE deliveries SET status = 'skipped', next_attempt_at = NULL, lease_owner = NULL,
          lease_expires_at = NULL, last_error = 'webhook is disabled', updated_at = :at
        WHERE lease_owner = :owner AND id IN (:ids)""",
        ids,
        owner,
        now);
  }

  /**
   * Rate limit and back-pressure: claimed deliveries that must wait are given back with a later
   * {@code next_attempt_at} (the webhook's pause end, or a time its rate limit has room). Not an
   * attempt: {@code attempts} and the retry budget are untouched. Keyed by the lease owner.
   */
  void defer(Map<String, Long> untilById, String owner, long now) {
    jdbc.batchUpdate(
        """
        UPDATE deliveries SET next_attempt_at = ?, lease_owner = NULL, lease_expires_at = NULL,
          updated_at = ? WHERE id = ? AND lease_owner = ? AND status = 'pending'""",
        new ArrayList<>(untilById.entrySet()),
        CHUNK,
        (PreparedStatement ps, Map.Entry<String, Long> e) -> {
          ps.setLong(1, e.getValue());
          ps.setLong(2, now);
          ps.setString(3, e.getKey());
          ps.setString(4, owner);
        });
  }

  /** Send Test deliveries of the webhook created since {@code since}, for its Send Test limit. */
  long countTestsSince(String webhookId, long since) {
    Long n =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM deliveries WHERE webhook_id = ? AND created_at >= ? AND test",
            Long.class,
            webhookId,
            since);
    return n == null ? 0 : n;
  }

  /** Gives back leases this node will not use; the deliveries can be claimed again at once. */
  void release(Collection<String> ids, String owner, long now) {
    leaseKeyed(
        """
        UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL, updated_at = :at
        WHERE lease_owner = :owner AND id IN (:ids)""",
        ids,
        owner,
        now);
  }

  /** Extends this node's leases on deliveries it still holds (sending, parked or recording). */
  void renew(Collection<String> ids, String owner, long leaseUntil) {
    leaseKeyed(
        "UPDATE deliveries SET lease_expires_at = :at WHERE lease_owner = :owner AND id IN (:ids)",
        ids,
        owner,
        leaseUntil);
  }

  /**
   * The deliveries' new state after their attempts (in the recorder's transaction): succeeded,
   * pending until {@code next}, or failed when the retries are spent. Keyed by the lease owner that
   * sent it.
   */
  void recordOutcomes(List<Attempt> batch, Function<Attempt, OptionalLong> next) {
    jdbc.batchUpdate(
        """
        UPDATE deliveries SET status = ?, attempts = ?, next_attempt_at = ?,
          first_attempt_at = COALESCE(first_attempt_at, ?), last_attempt_at = ?,
          response_status = ?, response_time_ms = ?, last_error = ?, lease_owner = NULL,
          lease_expires_at = NULL, updated_at = ?
        WHERE id = ? AND lease_owner = ?""",
        batch,
        batch.size(),
        (PreparedStatement ps, Attempt a) -> {
          Outcome o = a.outcome();
          OptionalLong after = next.apply(a);
          DeliveryState state =
              o.success()
                  ? DeliveryState.SUCCEEDED
                  : after.isPresent() ? DeliveryState.PENDING : DeliveryState.FAILED;
          ps.setString(1, state.wire());
          ps.setInt(2, a.number());
          if (after.isPresent()) {
            ps.setLong(3, after.getAsLong());
          } else {
            ps.setNull(3, Types.BIGINT);
          }
          ps.setLong(4, a.attemptedAt());
          ps.setLong(5, a.attemptedAt());
          if (o.status() == null) {
            ps.setNull(6, Types.INTEGER);
          } else {
            ps.setInt(6, o.status());
          }
          ps.setLong(7, o.responseTimeMs());
          Rows.setText(ps, 8, o.error());
          ps.setLong(9, a.attemptedAt());
          ps.setString(10, a.job().deliveryId());
          ps.setString(11, a.leaseOwner());
        });
  }

  /**
   * Redeliver: due now with a fresh retry budget and the same id, unless it is leased right now.
   * Returns whether it was queued.
   */
  boolean requeue(String webhookId, String deliveryId, long now) {
    return jdbc.update(
            """
            UPDATE deliveries SET status = 'pending', next_attempt_at = ?, retry_base = attempts,
              first_attempt_at = NULL, updated_at = ? WHERE id = ? AND webhook_id = ?
              AND (lease_expires_at IS NULL OR lease_expires_at < ?)""",
            now,
            now,
            deliveryId,
            webhookId,
            now)
        > 0;
  }

  /** Recover: every failed or skipped delivery of the webhook created since {@code from}. */
  int requeueFailedSince(String webhookId, long from, long now) {
    return jdbc.update(
        """
        UPDATE deliveries SET status = 'pending', next_attempt_at = ?, retry_base = attempts,
          first_attempt_at = NULL, updated_at = ? WHERE webhook_id = ?
          AND status IN ('failed', 'skipped') AND test = FALSE AND created_at >= ?""",
        now,
        now,
        webhookId,
        from);
  }

  /** Pending deliveries due at {@code now}, for the sampled gauge. */
  long countDue(long now) {
    Long due =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ?",
            Long.class,
            now);
    return due == null ? 0 : due;
  }

  /**
   * Deletes up to {@code batch} finished deliveries (with their attempts) created before cutoff.
   */
  int purgeFinished(long cutoff, int batch) {
    return jdbc.update(
        """
        DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries
          WHERE created_at < ? AND status <> 'pending' LIMIT ?)""",
        cutoff,
        batch);
  }

  private void leaseKeyed(String sql, Collection<String> ids, String owner, long at) {
    for (List<String> chunk : chunks(new ArrayList<>(ids))) {
      named.update(sql, Map.of("at", at, "owner", owner, "ids", chunk));
    }
  }

  private static List<String> orNobody(Set<String> ids) {
    return ids.isEmpty() ? NOBODY : List.copyOf(ids);
  }

  private static List<List<String>> chunks(List<String> ids) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += CHUNK) {
      out.add(ids.subList(i, Math.min(ids.size(), i + CHUNK)));
    }
    return out;
  }
}
