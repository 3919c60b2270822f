package com.verk.server.delivery;

import com.verk.server.webhooks.SecretCipher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The engine's reads and lease-keyed writes around a claim. */
final class DeliveryStore {

  private static final int CHUNK = 500;

  private final JdbcTemplate jdbc;
  private final SecretCipher secrets;

  DeliveryStore(JdbcTemplate jdbc, SecretCipher secrets) {
    this.jdbc = jdbc;
    this.secrets = secrets;
  }

  /** The claimed deliveries with their webhook and event, in the order of {@code ids}. */
  List<Job> load(List<String> ids) {
    List<Job> jobs = new ArrayList<>(ids.size());
    for (List<String> chunk : chunks(ids)) {
      jobs.addAll(
          jdbc.query(
              "SELECT d.id, d.webhook_id, d.org_id, e.org_name, d.event_id, e.type, e.data,"
                  + " e.occurred_at, d.test, d.attempts, d.retry_base, d.first_attempt_at, w.url,"
                  + " w.secret, w.previous_secret, w.previous_secret_expires_at, w.active"
                  + " FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id"
                  + " JOIN events e ON e.id = d.event_id WHERE d.id IN ("
                  + placeholders(chunk.size())
                  + ")",
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
                      secrets.reveal(rs.getString(14)),
                      secrets.reveal(rs.getString(15)),
                      Rows.longOrNull(rs, 16),
                      rs.getBoolean(17)),
              chunk.toArray()));
    }
    return jobs;
  }

  /** Deliveries of a webhook that was disabled after they were queued are not sent. */
  void skip(Collection<String> ids, String owner, long now) {
    update(
        "UPDATE deliveries SET status = 'skipped', next_attempt_at = NULL, lease_owner = NULL,"
            + " lease_expires_at = NULL, last_error = 'webhook is disabled', updated_at = ?"
            + " WHERE lease_owner = ? AND id IN (",
        ids,
        now,
        owner);
  }

  /** Gives back leases this node cannot use now (its per-webhook limit is reached). */
  void release(Collection<String> ids, String owner, long now) {
    update(
        "UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL, updated_at = ?"
            + " WHERE lease_owner = ? AND id IN (",
        ids,
        now,
        owner);
  }

  /** Extends this node's leases on deliveries it still holds (sending, parked or recording). */
  void renew(Collection<String> ids, String owner, long leaseUntil) {
    update(
        "UPDATE deliveries SET lease_expires_at = ? WHERE lease_owner = ? AND id IN (",
        ids,
        leaseUntil,
        owner);
  }

  private void update(String prefix, Collection<String> ids, long now, String owner) {
    for (List<String> chunk : chunks(new ArrayList<>(ids))) {
      List<Object> args = new ArrayList<>(chunk.size() + 2);
      args.add(now);
      args.add(owner);
      args.addAll(chunk);
      jdbc.update(prefix + placeholders(chunk.size()) + ")", args.toArray());
    }
  }

  static String placeholders(int n) {
    return "?,".repeat(n - 1) + "?";
  }

  private static List<List<String>> chunks(List<String> ids) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += CHUNK) {
      out.add(ids.subList(i, Math.min(ids.size(), i + CHUNK)));
    }
    return out;
  }
}
