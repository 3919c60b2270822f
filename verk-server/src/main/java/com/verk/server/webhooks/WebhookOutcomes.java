package com.verk.server.webhooks;

import java.sql.PreparedStatement;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What delivery outcomes change on a webhook: the time of its last success, the receiver's
 * back-pressure pause, and the automatic disable. Plain Java for the delivery engine, which calls
 * it inside the transaction that records the outcomes (same {@link DataSource}, so the statements
 * join that transaction).
 */
public final class WebhookOutcomes {

  private final JdbcTemplate jdbc;

  public WebhookOutcomes(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /** Moves each webhook's {@code last_success_at} forward to the given time (never back). */
  public void succeeded(Map<String, Long> latestSuccessByWebhook) {
    if (latestSuccessByWebhook.isEmpty()) {
      return;
    }
    jdbc.batchUpdate(
        """
        UPDATE webhooks SET last_success_at = ?
        WHERE id = ? AND (last_success_at IS NULL OR last_success_at < ?)""",
        latestSuccessByWebhook.entrySet(),
        latestSuccessByWebhook.size(),
        (PreparedStatement ps, Map.Entry<String, Long> e) -> {
          ps.setLong(1, e.getValue());
          ps.setString(2, e.getKey());
          ps.setLong(3, e.getValue());
        });
  }

  /**
   * Back-pressure: pauses each webhook until the given time (its receiver answered 429 or 503 with
   * {@code Retry-After}); a pause only ever grows, so a late outcome never shortens a newer one.
   */
  public void pause(Map<String, Long> untilByWebhook) {
    if (untilByWebhook.isEmpty()) {
      return;
    }
    jdbc.batchUpdate(
        """
        UPDATE webhooks SET paused_until = ?
        WHERE id = ? AND (paused_until IS NULL OR paused_until < ?)""",
        untilByWebhook.entrySet(),
        untilByWebhook.size(),
        (PreparedStatement ps, Map.Entry<String, Long> e) -> {
          ps.setLong(1, e.getValue());
          ps.setString(2, e.getKey());
          ps.setLong(3, e.getValue());
        });
  }

  /**
   * The disable rule's write: disables the webhook at {@code at} with {@code reason} unless it has
   * succeeded since {@code noSuccessSince} or is already disabled. Returns whether it was disabled
   * now.
   */
  public boolean disableAfterFailures(
      String webhookId, long at, long noSuccessSince, String reason) {
    return jdbc.update(
            """
            UPDATE webhooks SET active = FALSE, disabled_at = ?, disabled_reason = ?,
              updated_at = ? WHERE id = ? AND active = TRUE
              AND (last_success_at IS NULL OR last_success_at < ?)""",
            at,
            reason,
            at,
            webhookId,
            noSuccessSince)
        > 0;
  }
}
