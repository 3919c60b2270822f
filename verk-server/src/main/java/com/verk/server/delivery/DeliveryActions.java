package com.verk.server.delivery;

import com.verk.server.events.DeliveryWakeup;
import com.verk.server.events.EventCatalog;
import com.verk.server.events.EventType;
import com.verk.server.system.ApiException;
import com.verk.server.system.Ids;
import com.verk.server.system.Times;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** What users do to deliveries: redeliver one, recover many, and Send Test. */
final class DeliveryActions {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final DeliveryLog log;
  private final DeliveryStore store;
  private final Sending sending;
  private final Recorder recorder;
  private final DeliveryWakeup wakeup;
  private final JsonMapper json;
  private final String node;
  private final Duration lease;

  DeliveryActions(
      DataSource dataSource,
      Clock clock,
      DeliveryLog log,
      DeliveryStore store,
      Sending sending,
      Recorder recorder,
      DeliveryWakeup wakeup,
      JsonMapper json,
      String node,
      Duration lease) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    this.clock = clock;
    this.log = log;
    this.store = store;
    this.sending = sending;
    this.recorder = recorder;
    this.wakeup = wakeup;
    this.json = json;
    this.node = node;
    this.lease = lease;
  }

  /**
   * Queues the delivery again, due now, with a fresh retry budget and the same deliveryId. Not
   * while it is being sent, and not to a disabled webhook (re-enable it first).
   */
  Map<String, Object> redeliver(String orgId, String webhookId, String deliveryId) {
    requireActive(log.webhook(orgId, webhookId));
    log.summary(webhookId, deliveryId);
    long now = clock.millis();
    int changed =
        jdbc.update(
            "UPDATE deliveries SET status = 'pending', next_attempt_at = ?, retry_base = attempts,"
                + " first_attempt_at = NULL, updated_at = ? WHERE id = ? AND webhook_id = ?"
                + " AND (lease_expires_at IS NULL OR lease_expires_at < ?)",
            now,
            now,
            deliveryId,
            webhookId,
            now);
    if (changed == 0) {
      throw ApiException.conflict("Delivery " + deliveryId + " is being sent right now");
    }
    // Read before waking: the dispatcher may send and record it before a later read.
    Map<String, Object> queued = log.summary(webhookId, deliveryId);
    wakeup.wake();
    return queued;
  }

  /** Queues again every failed or skipped delivery of the webhook created since {@code since}. */
  Map<String, Object> recover(String orgId, String webhookId, String since) {
    DeliveryLog.Webhook webhook = log.webhook(orgId, webhookId);
    long from = parseSince(since);
    requireActive(webhook);
    long now = clock.millis();
    int queued =
        jdbc.update(
            "UPDATE deliveries SET status = 'pending', next_attempt_at = ?, retry_base = attempts,"
                + " first_attempt_at = NULL, updated_at = ? WHERE webhook_id = ?"
                + " AND status IN ('failed', 'skipped') AND test = FALSE AND created_at >= ?",
            now,
            now,
            webhookId,
            from);
    if (queued > 0) {
      wakeup.wake();
    }
    return Map.of("queued", queued);
  }

  /**
   * Send Test: the catalog's sample for {@code eventName}, signed, sent at once (also to a disabled
   * webhook), recorded as a test delivery, never retried and never counted by the disable rule.
   */
  Map<String, Object> test(String orgId, String webhookId, String eventName) {
    log.webhook(orgId, webhookId);
    if (eventName == null || eventName.isBlank()) {
      throw ApiException.invalid("event", "is required");
    }
    EventType type =
        EventType.fromWireName(eventName)
            .orElseThrow(() -> ApiException.invalid("event", "is not a known event type"));
    String deliveryId = Ids.next("delivery");
    long now = clock.millis();
    tx.executeWithoutResult(status -> insertTest(orgId, webhookId, type, deliveryId, now));
    Job job = store.load(List.of(deliveryId)).get(0);
    Attempt attempt;
    try {
      attempt = sending.send(job, node).get(sending.timeoutMs() + 5_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while sending a test", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("The test request did not finish", e);
    }
    recorder.write(List.of(attempt));
    Outcome outcome = attempt.outcome();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("deliveryId", deliveryId);
    result.put("success", outcome.success());
    result.put("responseStatus", outcome.status());
    result.put("responseTimeMs", outcome.responseTimeMs());
    result.put("error", outcome.error());
    return result;
  }

  private void insertTest(
      String orgId, String webhookId, EventType type, String deliveryId, long now) {
    String eventId = Ids.next("evt");
    jdbc.update(
        "INSERT INTO events (id, org_id, org_name, type, data, occurred_at)"
            + " SELECT ?, id, name, ?, ?, ? FROM organizations WHERE id = ?",
        eventId,
        type.wireName(),
        json.writeValueAsString(EventCatalog.get(type).sample()),
        now,
        orgId);
    // Leased by this node while it sends; if the node dies first, the lease expires and the
    // dispatcher sends it once (tests are never retried beyond that).
    jdbc.update(
        "INSERT INTO deliveries (id, org_id, webhook_id, event_id, event_type, test, status,"
            + " attempts, next_attempt_at, lease_owner, lease_expires_at, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, TRUE, 'pending', 0, ?, ?, ?, ?, ?)",
        deliveryId,
        orgId,
        webhookId,
        eventId,
        type.wireName(),
        now,
        node,
        now + lease.toMillis(),
        now,
        now);
  }

  private static long parseSince(String since) {
    return Times.epochMillis("since", since);
  }

  private static void requireActive(DeliveryLog.Webhook webhook) {
    if (!webhook.active()) {
      throw ApiException.conflict(
          "Webhook "
              + webhook.id()
              + " is disabled; re-enable it with PATCH {\"active\":true} first");
    }
  }
}
