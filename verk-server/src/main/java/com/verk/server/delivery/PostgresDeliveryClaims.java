package com.verk.server.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Several nodes claim from one PostgreSQL at once: {@code FOR UPDATE SKIP LOCKED} lets each take
 * rows the others are not taking, without waiting, in one statement.
 */
final class PostgresDeliveryClaims implements DeliveryClaims {

  private final JdbcTemplate jdbc;

  PostgresDeliveryClaims(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<String> claim(
      String owner, long now, long leaseUntil, int limit, Collection<String> excluded) {
    String sql =
        "UPDATE deliveries SET lease_owner = ?, lease_expires_at = ?, updated_at = ?"
            + " WHERE id IN (SELECT id FROM deliveries WHERE "
            + DeliveryClaims.dueCondition(excluded.size())
            + " ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING id";
    List<Object> args = new ArrayList<>(List.of(owner, leaseUntil, now, now, now));
    args.addAll(excluded);
    args.add(limit);
    return jdbc.queryForList(sql, String.class, args.toArray());
  }
}
