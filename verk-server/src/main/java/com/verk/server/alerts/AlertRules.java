package com.verk.server.alerts;

import com.verk.server.events.EventPublisher;
import com.verk.server.system.Ids;
import com.verk.server.system.Times;
import com.verk.server.system.VerkProperties;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert rule (docs/alerts.md), run by the delivery engine inside the transaction that records a
 * batch of outcomes, on that transaction's {@link DataSource}: the alert row, its operational event
 * (through the outbox) and its queued emails commit together with the outcomes that raised them, or
 * not at all.
 *
 * <ul>
 *   <li><em>failing</em>: no success since the oldest failing delivery's first attempt, and that
 *       delivery has used {@code failingRetryShare} of its retries or {@code failingAfter} has
 *       passed; at most once per {@code failingRepeat}, and not again before a success closes it;
 *   <li><em>disabled</em>: when the engine disables the webhook;
 *   <li><em>recovered</em>: the first success after a failing or disabled alert.
 * </ul>
 */
public final class AlertRules {

  private static final Logger log = LoggerFactory.getLogger(AlertRules.class);
  private static final int LAST_ERRORS = 5;
  private static final int IN_LIST = 500;

  /** The failed attempts of one batch, as the rule needs them. */
  public record Failure(
      String webhookId, int failedAttempts, long firstAttemptAt, long attemptedAt) {}

  /** A webhook the engine disabled in this batch. */
  public record Disabled(String webhookId, long at, String reason) {}

  private record WebhookRow(
      String id,
      String orgId,
      String url,
      String description,
      boolean active,
      Long lastSuccessAt,
      Long disabledAt) {}

  private record State(String openAlert, Long lastFailingAt) {}

  private record Oldest(long firstAttemptAt, int failedAttempts) {}

  private final JdbcTemplate jdbc;
  private final JsonMapper json;
  private final Alerting alerting;
  private final VerkProperties.Alerts settings;
  private final int retries;
  private final EventPublisher publisher;

  /**
   * @param retries how many retries a delivery has after its first attempt (the schedule's length)
   * @param publisher the outbox writer on the same {@code dataSource}, so that its statements join
   *     the recording transaction
   */
  public AlertRules(
      DataSource dataSource,
      JsonMapper json,
      Alerting alerting,
      int retries,
      EventPublisher publisher) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.json = json;
    this.alerting = alerting;
    this.settings = alerting.settings();
    this.retries = retries;
    this.publisher = publisher;
  }

  /** Runs inside the recording transaction, after the batch's outcomes are written. */
  public void afterOutcomes(
      Map<String, Long> latestSuccesses, List<Failure> failures, List<Disabled> disabled) {
    recovered(latestSuccesses);
    Set<String> handled = new HashSet<>(latestSuccesses.keySet());
    for (Disabled d : disabled) {
      if (handled.add(d.webhookId())) {
        disabled(d);
      }
    }
    Map<String, Failure> byWebhook = new LinkedHashMap<>();
    for (Failure f : failures) {
      if (!handled.contains(f.webhookId())) {
        byWebhook.merge(
            f.webhookId(),
            f,
            (a, b) ->
                new Failure(
                    a.webhookId(),
                    Math.max(a.failedAttempts(), b.failedAttempts()),
                    Math.min(a.firstAttemptAt(), b.firstAttemptAt()),
                    Math.max(a.attemptedAt(), b.attemptedAt())));
      }
    }
    byWebhook.values().forEach(this::failing);
  }

  private void recovered(Map<String, Long> latestSuccesses) {
    if (latestSuccesses.isEmpty()) {
      return;
    }
    List<String> ids = new ArrayList<>(latestSuccesses.keySet());
    Map<String, String> open = new LinkedHashMap<>();
    for (int from = 0; from < ids.size(); from += IN_LIST) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_LIST));
      jdbc.query(
          "SELECT webhook_id, open_alert FROM webhook_alert_state WHERE open_alert IS NOT NULL"
              + " AND webhook_id IN ("
              + placeholders(chunk)
              + ")",
          rs -> {
            open.put(rs.getString(1), rs.getString(2));
          },
          chunk.toArray());
    }
    open.forEach(
        (webhookId, kind) -> {
          WebhookRow w = webhook(webhookId);
          if (w == null) {
            return;
          }
          jdbc.update(
              "UPDATE webhook_alert_state SET open_alert = NULL WHERE webhook_id = ?", webhookId);
          raise(
              AlertKind.RECOVERED,
              w,
              "Delivered successfully again after the " + kind + " alert",
              latestSuccesses.get(webhookId));
        });
  }

  private void disabled(Disabled d) {
    WebhookRow w = webhook(d.webhookId());
    if (w == null) {
      return;
    }
    saveState(w, AlertKind.DISABLED, null);
    raise(AlertKind.DISABLED, w, d.reason(), d.at());
  }

  private void failing(Failure f) {
    State state = state(f.webhookId());
    if (state != null
        && (state.openAlert() != null
            || (state.lastFailingAt() != null
                && f.attemptedAt() - state.lastFailingAt()
                    < settings.failingRepeat().toMillis()))) {
      return;
    }
    WebhookRow w = webhook(f.webhookId());
    if (w == null || !w.active()) {
      return;
    }
    // The failing streak starts with the first failed attempt after the last success; deliveries
    // that began before that success do not count towards it.
    long after = w.lastSuccessAt() == null ? Long.MIN_VALUE : w.lastSuccessAt();
    Long since = firstFailureAfter(f.webhookId(), after);
    if (since == null) {
      return;
    }
    int failed = f.firstAttemptAt() > after ? f.failedAttempts() : 0;
    Oldest oldest = oldestFailing(f.webhookId(), after);
    if (oldest != null) {
      failed = Math.max(failed, oldest.failedAttempts());
    }
    int retriesUsed = failed - 1;
    int needed = Math.max(1, (int) Math.ceil(settings.failingRetryShare() * retries));
    String reason;
    if (retries > 0 && retriesUsed >= needed) {
      reason =
          "The oldest failing delivery has used "
              + retriesUsed
              + " of its "
              + retries
              + " retries, with no successful delivery since "
              + Times.iso(since);
    } else if (f.attemptedAt() - since >= settings.failingAfter().toMillis()) {
      reason =
          "No successful delivery for "
              + human(Duration.ofMillis(f.attemptedAt() - since))
              + " (since "
              + Times.iso(since)
              + ") while attempts fail";
    } else {
      return;
    }
    saveState(w, AlertKind.FAILING, f.attemptedAt());
    raise(AlertKind.FAILING, w, reason, f.attemptedAt());
  }

  private void raise(AlertKind kind, WebhookRow w, String reason, long at) {
    List<FailedAttempt> lastErrors =
        jdbc.query(
            "SELECT attempted_at, response_status, error FROM delivery_attempts"
                + " WHERE webhook_id = ? AND success = FALSE"
                + " ORDER BY attempted_at DESC, number DESC LIMIT "
                + LAST_ERRORS,
            (rs, n) -> {
              int status = rs.getInt(2);
              return new FailedAttempt(
                  rs.getLong(1), rs.wasNull() ? null : status, rs.getString(3));
            },
            w.id());
    long failedAttempts =
        count(
            "SELECT COUNT(*) FROM delivery_attempts WHERE webhook_id = ? AND success = FALSE"
                + " AND attempted_at > ?",
            w.id(),
            w.lastSuccessAt() == null ? Long.MIN_VALUE : w.lastSuccessAt());
    long failingDeliveries =
        count(
            "SELECT COUNT(*) FROM deliveries WHERE webhook_id = ? AND status = 'pending'"
                + " AND attempts > 0 AND test = FALSE",
            w.id());
    FailedAttempt last = lastErrors.isEmpty() ? null : lastErrors.get(0);
    WebhookAlertData data =
        new WebhookAlertData(
            w.id(),
            w.url(),
            w.description(),
            reason,
            last == null ? null : last.error(),
            last == null ? null : Times.iso(last.attemptedAt()),
            last == null ? null : last.responseStatus(),
            failedAttempts,
            failingDeliveries,
            Times.isoOrNull(w.lastSuccessAt()),
            kind == AlertKind.DISABLED ? Times.iso(at) : null);
    String alertId = Ids.next("alert");
    jdbc.update(
        "INSERT INTO alerts (id, org_id, webhook_id, kind, webhook_url, webhook_description,"
            + " reason, details, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        alertId,
        w.orgId(),
        w.id(),
        kind.value(),
        w.url(),
        w.description(),
        reason,
        json.writeValueAsString(new AlertDetails(data, lastErrors)),
        at);
    publisher.publish(w.orgId(), kind.eventType(), data, w.id());
    if (alerting.emails()) {
      queueEmails(alertId, w.orgId(), at);
    }
    log.warn("Webhook {} {} ({}): {}", w.id(), kind.happened(), alertId, reason);
  }

  private void queueEmails(String alertId, String orgId, long at) {
    List<String> recipients =
        jdbc.queryForList(
            "SELECT email FROM members WHERE org_id = ? AND role IN ('owner', 'admin')"
                + " AND alert_emails = TRUE ORDER BY email",
            String.class,
            orgId);
    if (recipients.isEmpty()) {
      return;
    }
    jdbc.batchUpdate(
        "INSERT INTO alert_emails (id, alert_id, org_id, recipient, status, attempts,"
            + " next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)",
        recipients,
        recipients.size(),
        (PreparedStatement ps, String recipient) -> {
          ps.setString(1, Ids.next("email"));
          ps.setString(2, alertId);
          ps.setString(3, orgId);
          ps.setString(4, recipient);
          ps.setLong(5, at);
          ps.setLong(6, at);
        });
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            alerting.mailerWakeup().run();
          }
        });
  }

  private void saveState(WebhookRow w, AlertKind open, Long failingAt) {
    jdbc.update(
        """
        INSERT INTO webhook_alert_state (webhook_id, org_id, open_alert, last_failing_at)
        VALUES (?, ?, ?, ?)
        ON CONFLICT (webhook_id) DO UPDATE SET open_alert = excluded.open_alert,
          last_failing_at = COALESCE(excluded.last_failing_at, webhook_alert_state.last_failing_at)""",
        w.id(),
        w.orgId(),
        open.value(),
        failingAt);
  }

  private State state(String webhookId) {
    List<State> rows =
        jdbc.query(
            "SELECT open_alert, last_failing_at FROM webhook_alert_state WHERE webhook_id = ?",
            (rs, n) -> {
              long last = rs.getLong(2);
              return new State(rs.getString(1), rs.wasNull() ? null : last);
            },
            webhookId);
    return rows.isEmpty() ? null : rows.get(0);
  }

  private WebhookRow webhook(String webhookId) {
    List<WebhookRow> rows =
        jdbc.query(
            "SELECT id, org_id, url, description, active, last_success_at, disabled_at"
                + " FROM webhooks WHERE id = ?",
            (rs, n) -> {
              long success = rs.getLong(6);
              Long lastSuccess = rs.wasNull() ? null : success;
              long disabled = rs.getLong(7);
              Long disabledAt = rs.wasNull() ? null : disabled;
              return new WebhookRow(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getBoolean(5),
                  lastSuccess,
                  disabledAt);
            },
            webhookId);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** The oldest delivery still being retried whose first attempt came after {@code after}. */
  private Oldest oldestFailing(String webhookId, long after) {
    List<Oldest> rows =
        jdbc.query(
            "SELECT first_attempt_at, attempts - retry_base FROM deliveries"
                + " WHERE webhook_id = ? AND status = 'pending' AND attempts > 0 AND test = FALSE"
                + " AND first_attempt_at > ? ORDER BY first_attempt_at LIMIT 1",
            (rs, n) -> new Oldest(rs.getLong(1), rs.getInt(2)),
            webhookId,
            after);
    return rows.isEmpty() ? null : rows.get(0);
  }

  private Long firstFailureAfter(String webhookId, long after) {
    return jdbc.queryForObject(
        "SELECT MIN(attempted_at) FROM delivery_attempts WHERE webhook_id = ? AND success = FALSE"
            + " AND attempted_at > ?",
        Long.class,
        webhookId,
        after);
  }

  private long count(String sql, Object... args) {
    Long n = jdbc.queryForObject(sql, Long.class, args);
    return n == null ? 0 : n;
  }

  private static String placeholders(Collection<?> values) {
    return String.join(", ", java.util.Collections.nCopies(values.size(), "?"));
  }

  static String human(Duration d) {
    if (d.toDays() >= 1) {
      return d.toDays() + (d.toDays() == 1 ? " day" : " days");
    }
    if (d.toHours() >= 1) {
      return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    }
    long minutes = Math.max(1, d.toMinutes());
    return minutes + (minutes == 1 ? " minute" : " minutes");
  }
}
