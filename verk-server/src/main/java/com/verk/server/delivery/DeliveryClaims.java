package com.verk.server.delivery;

import java.util.Collection;
import java.util.List;

/**
 * Claiming due deliveries, the one statement whose SQL differs per database. A claim sets the lease
 * ({@code lease_owner}, {@code lease_expires_at}); a node that dies leaves leases that expire and
 * are claimed again by any node, which is what makes delivery at-least-once.
 */
interface DeliveryClaims {

  /**
   * Leases up to {@code limit} deliveries that are pending, due at {@code now} and not leased by a
   * live lease, skipping webhooks in {@code excludedWebhooks} (saturated ones), oldest due first.
   */
  List<String> claim(
      String owner, long now, long leaseUntil, int limit, Collection<String> excludedWebhooks);

  /** The condition both databases share; placeholders: now, now, then excluded ids. */
  static String dueCondition(int excluded) {
    StringBuilder sql =
        new StringBuilder(
            "status = 'pending' AND next_attempt_at <= ?"
                + " AND (lease_expires_at IS NULL OR lease_expires_at < ?)");
    if (excluded > 0) {
      sql.append(" AND webhook_id NOT IN (").append("?,".repeat(excluded - 1)).append("?)");
    }
    return sql.toString();
  }
}
