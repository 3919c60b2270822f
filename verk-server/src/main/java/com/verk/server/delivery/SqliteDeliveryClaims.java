package com.verk.server.delivery;

import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SQLite runs one node and serialises writers, so a plain {@code UPDATE ... RETURNING} (SQLite
 * 3.35+) is already an atomic claim.
 */
final class SqliteDeliveryClaims implements DeliveryClaims {

  private static final String OLDEST_DUE =
      LEASE
          + "SELECT id FROM deliveries WHERE "
          + DUE
          + " ORDER BY next_attempt_at LIMIT ?)"
          + " RETURNING id";

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
    if (excluded.isEmpty()) {
      return DeliveryClaims.run(jdbc, OLDEST_DUE, owner, now, leaseUntil, null, excluded, limit);
    }
    String perWebhookSql =
        LEASE
            + "SELECT d.id FROM webhooks w JOIN deliveries d ON d.id IN"
            + " (SELECT x.id FROM deliveries x WHERE "
            + PER_WEBHOOK_DUE
            + " ORDER BY x.next_attempt_at LIMIT ?)"
            + " WHERE w.id NOT IN ("
            + DeliveryClaims.placeholders(excluded.size())
            + ") ORDER BY d.next_attempt_at LIMIT ?) RETURNING id";
    return DeliveryClaims.run(
        jdbc, perWebhookSql, owner, now, leaseUntil, perWebhook, excluded, limit);
  }
}
