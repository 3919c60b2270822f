package com.verk.server.delivery;

import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Several nodes claim from one PostgreSQL at once: {@code FOR UPDATE SKIP LOCKED} lets each take
 * rows the others are not taking, without waiting, in one statement.
 */
final class PostgresDeliveryClaims implements DeliveryClaims {

  private static final String OLDEST_DUE =
      LEASE
          + "SELECT id FROM deliveries WHERE "
          + DUE
          + " ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING id";

  private final JdbcTemplate jdbc;

  PostgresDeliveryClaims(JdbcTemplate jdbc) {
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
    // Rows locked by the lateral subqueries but not chosen by the outer LIMIT are not updated and
    // are unlocked when this statement commits.
    String perWebhookSql =
        LEASE
            + "SELECT d.id FROM webhooks w CROSS JOIN LATERAL"
            + " (SELECT x.id, x.next_attempt_at FROM deliveries x WHERE "
            + PER_WEBHOOK_DUE
            + " ORDER BY x.next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) d"
            + " WHERE w.id NOT IN ("
            + DeliveryClaims.placeholders(excluded.size())
            + ") ORDER BY d.next_attempt_at LIMIT ?) RETURNING id";
    return DeliveryClaims.run(
        jdbc, perWebhookSql, owner, now, leaseUntil, perWebhook, excluded, limit);
  }
}
