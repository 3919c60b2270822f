package com.verk.server.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SQLite runs one node and serialises writers, so a plain {@code UPDATE ... RETURNING} (SQLite
 * 3.35+) is already an atomic claim.
 */
final class SqliteDeliveryClaims implements DeliveryClaims {

  private final JdbcTemplate jdbc;

  SqliteDeliveryClaims(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<String> claim(
      String owner,
      long now,
      long leaseUntil,
      int limit,
      int perWebhook,
      Collection<String> excluded) {
    if (!excluded.isEmpty()) {
      return claimPerWebhook(owner, now, leaseUntil, limit, perWebhook, excluded);
    }
    String sql =
        "UPDATE deliveries SET lease_owner = ?, lease_expires_at = ?, updated_at = ?"
            + " WHERE id IN (SELECT id FROM deliveries WHERE "
            + DeliveryClaims.dueCondition(excluded.size())
            + " ORDER BY next_attempt_at LIMIT ?) RETURNING id";
    List<Object> args = new ArrayList<>(List.of(owner, leaseUntil, now, now, now));
    args.addAll(excluded);
    args.add(limit);
    return jdbc.queryForList(sql, String.class, args.toArray());
  }

  private List<String> claimPerWebhook(
      String owner,
      long now,
      long leaseUntil,
      int limit,
      int perWebhook,
      Collection<String> excluded) {
    String sql =
        "UPDATE deliveries SET lease_owner = ?, lease_expires_at = ?, updated_at = ?"
            + " WHERE id IN (SELECT d.id FROM webhooks w JOIN deliveries d ON d.id IN"
            + " (SELECT x.id FROM deliveries x WHERE "
            + DeliveryClaims.PER_WEBHOOK_DUE
            + " ORDER BY x.next_attempt_at LIMIT ?)"
            + " WHERE w.id NOT IN ("
            + "?,".repeat(excluded.size() - 1)
            + "?) ORDER BY d.next_attempt_at LIMIT ?) RETURNING id";
    List<Object> args = new ArrayList<>(List.of(owner, leaseUntil, now, now, now, perWebhook));
    args.addAll(excluded);
    args.add(limit);
    return jdbc.queryForList(sql, String.class, args.toArray());
  }
}
