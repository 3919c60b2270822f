package com.verk.server.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Claiming due deliveries, the one statement whose SQL differs per database. A claim sets the lease
 * ({@code lease_owner}, {@code lease_expires_at}); a node that dies leaves leases that expire and
 * are claimed again by any node, which is what makes delivery at-least-once.
 *
 * <p>Two shapes. With no saturated webhook, one walk of {@code deliveries_due} in due order takes
 * the oldest rows. With saturated webhooks (say a dead endpoint at its in-flight limit, its due
 * backlog growing with every event), that walk would step over the whole backlog on every claim: it
 * cost a healthy neighbour 60% of its throughput in the isolation benchmark. Then each other
 * webhook's oldest due rows (at most {@code perWebhook}) are taken through {@code
 * deliveries_webhook_due} and the oldest of those win, so the cost follows the number of webhooks,
 * not the size of anybody's backlog.
 */
interface DeliveryClaims {

  /**
   * Leases up to {@code limit} deliveries that are pending, due at {@code now} and not leased by a
   * live lease, skipping webhooks in {@code excludedWebhooks} (saturated ones), oldest due first.
   */
  List<String> claim(
      String owner,
      long now,
      long leaseUntil,
      int limit,
      int perWebhook,
      Collection<String> excludedWebhooks);

  /** The start of every claim statement; placeholders: owner, lease end, now. */
  String LEASE =
      "UPDATE deliveries SET lease_owner = ?, lease_expires_at = ?, updated_at = ? WHERE id IN (";

  /** Pending, due and not under a live lease; placeholders: now, now. */
  String DUE =
      "status = 'pending' AND next_attempt_at <= ?"
          + " AND (lease_expires_at IS NULL OR lease_expires_at < ?)";

  /**
   * {@link #DUE} on one webhook's rows ({@code x.webhook_id = w.id}), for the claim that runs while
   * some webhooks are saturated; placeholders: now, now.
   */
  String PER_WEBHOOK_DUE =
      "x.webhook_id = w.id AND x.status = 'pending' AND x.next_attempt_at <= ?"
          + " AND (x.lease_expires_at IS NULL OR x.lease_expires_at < ?)";

  /** {@code n} comma-separated placeholders. */
  static String placeholders(int n) {
    return "?,".repeat(n - 1) + "?";
  }

  /**
   * Runs a claim statement whose placeholders are: owner, lease end, now (for {@link #LEASE}), now,
   * now (for the due condition), then {@code perWebhook} unless null, the excluded webhook ids and
   * the limit. Returns the claimed ids.
   */
  static List<String> run(
      JdbcTemplate jdbc,
      String sql,
      String owner,
      long now,
      long leaseUntil,
      Integer perWebhook,
      Collection<String> excluded,
      int limit) {
    List<Object> args = new ArrayList<>(List.of(owner, leaseUntil, now, now, now));
    if (perWebhook != null) {
      args.add(perWebhook);
    }
    args.addAll(excluded);
    args.add(limit);
    return jdbc.queryForList(sql, String.class, args.toArray());
  }
}
