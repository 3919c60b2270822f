package com.verk.server.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read-only numbers for the webhook list, straight from the delivery log: the last attempt and the
 * success rate of the last 24 hours. Every query is scoped to the signed-in organization.
 */
@Component
class WebhookHealth {

  static final Duration WINDOW = Duration.ofHours(24);

  /** The latest attempt of one webhook. */
  record LastAttempt(long attemptedAt, boolean success, Integer responseStatus, String error) {}

  /** Attempts of one webhook in the window and how many succeeded. */
  record Rate(long attempts, long succeeded) {
    /** Whole percent, rounded down so that 99.9 % never reads as 100 %. */
    public long percent() {
      return attempts == 0 ? 0 : succeeded * 100 / attempts;
    }
  }

  /** Both numbers of one webhook. */
  record Health(LastAttempt last, Rate rate) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  WebhookHealth(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  Map<String, Health> forOrganization(String orgId) {
    long since = clock.millis() - WINDOW.toMillis();
    Map<String, Rate> rates =
        jdbc
            .sql(
                "SELECT a.webhook_id AS id, COUNT(*) AS total,"
                    + " SUM(CASE WHEN a.success THEN 1 ELSE 0 END) AS ok"
                    + " FROM delivery_attempts a JOIN webhooks w ON w.id = a.webhook_id"
                    + " WHERE w.org_id = ? AND a.attempted_at >= ? GROUP BY a.webhook_id")
            .params(orgId, since)
            .query(
                (rs, n) ->
                    Map.entry(rs.getString("id"), new Rate(rs.getLong("total"), rs.getLong("ok"))))
            .list()
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    List<String> ids =
        jdbc.sql("SELECT id FROM webhooks WHERE org_id = ?")
            .param(orgId)
            .query(String.class)
            .list();
    return ids.stream()
        .collect(
            Collectors.toMap(
                Function.identity(),
                id ->
                    new Health(
                        last(orgId, id).orElse(null), rates.getOrDefault(id, new Rate(0, 0)))));
  }

  Health forWebhook(String orgId, String webhookId) {
    long since = clock.millis() - WINDOW.toMillis();
    Rate rate =
        jdbc.sql(
                "SELECT COUNT(*) AS total, SUM(CASE WHEN a.success THEN 1 ELSE 0 END) AS ok"
                    + " FROM delivery_attempts a JOIN webhooks w ON w.id = a.webhook_id"
                    + " WHERE w.org_id = ? AND a.webhook_id = ? AND a.attempted_at >= ?")
            .params(orgId, webhookId, since)
            .query((rs, n) -> new Rate(rs.getLong("total"), rs.getLong("ok")))
            .single();
    return new Health(last(orgId, webhookId).orElse(null), rate);
  }

  /**
   * Where "re-enable and recover since" starts by default: the last success, or else when the
   * webhook was created, so that everything it missed is offered.
   */
  long recoverFrom(String orgId, String webhookId) {
    return jdbc.sql(
            "SELECT COALESCE(last_success_at, created_at) FROM webhooks WHERE id = ? AND org_id = ?")
        .params(webhookId, orgId)
        .query(Long.class)
        .optional()
        .orElse(clock.millis());
  }

  Optional<LastAttempt> last(String orgId, String webhookId) {
    return jdbc.sql(
            "SELECT a.attempted_at, a.success, a.response_status, a.error"
                + " FROM delivery_attempts a JOIN webhooks w ON w.id = a.webhook_id"
                + " WHERE a.webhook_id = ? AND w.org_id = ?"
                + " ORDER BY a.attempted_at DESC, a.number DESC LIMIT 1")
        .params(webhookId, orgId)
        .query(
            (rs, n) -> {
              int status = rs.getInt("response_status");
              Integer responseStatus = rs.wasNull() ? null : status;
              return new LastAttempt(
                  rs.getLong("attempted_at"),
                  rs.getBoolean("success"),
                  responseStatus,
                  rs.getString("error"));
            })
        .optional();
  }
}
