package com.verk.server.delivery;

import com.verk.server.events.DeliveryWakeup;
import com.verk.server.events.EventCatalog;
import com.verk.server.events.EventObjects;
import com.verk.server.events.EventType;
import com.verk.server.system.ApiException;
import com.verk.server.system.Ids;
import com.verk.server.system.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * What users do to deliveries: redeliver one, recover many, and Send Test. Runs on the API's pool,
 * Send Test included, so the engine's own connections stay with the engine.
 */
final class DeliveryActions {

  /**
   * Send Test per webhook and minute, counted in the database (so across the cluster): a member
   * cannot hammer an endpoint with it. It bypasses the webhook's rate limit and pause otherwise.
   */
  static final int TESTS_PER_MINUTE = 10;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final DeliveryLog log;
  private final DeliveryStore store;
  private final Function<List<String>, List<Job>> loader;
  private final Sending sending;
  private final OutcomeWriter writer;
  private final DeliveryWakeup wakeup;
  private final JsonMapper json;
  private final String node;
  private final Duration lease;

  DeliveryActions(
      DataSource dataSource,
      Clock clock,
      DeliveryLog log,
      DeliveryStore store,
      Function<List<String>, List<Job>> loader,
      Sending sending,
      OutcomeWriter writer,
      DeliveryWakeup wakeup,
      JsonMapper json,
      String node,
      Duration lease) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    this.clock = clock;
    this.log = log;
    this.store = store;
    this.loader = loader;
    this.sending = sending;
    this.writer = writer;
    this.wakeup = wakeup;
    this.json = json;
    this.node = node;
    this.lease = lease;
  }

  /**
   * Queues the delivery again, due now, with a fresh retry budget and the same deliveryId. Not
   * while it is being sent, and not to a disabled webhook (re-enable it first).
   */
  DeliverySummary redeliver(String orgId, String webhookId, String deliveryId) {
    requireActive(log.webhook(orgId, webhookId));
    log.summary(webhookId, deliveryId);
    if (!store.requeue(webhookId, deliveryId, clock.millis())) {
      throw ApiException.conflict("Delivery " + deliveryId + " is being sent right now");
    }
    // Read before waking: the dispatcher may send and record it before a later read.
    DeliverySummary queued = log.summary(webhookId, deliveryId);
    wakeup.wake();
    return queued;
  }

  /**
   * Queues again every failed or skipped delivery of the webhook created since {@code since}; how
   * many.
   */
  int recover(String orgId, String webhookId, Instant since) {
    DeliveryLog.Webhook webhook = log.webhook(orgId, webhookId);
    if (since == null) {
      throw ApiException.invalid("since", "is required (an ISO-8601 time)");
    }
    long from = since.toEpochMilli();
    requireActive(webhook);
    int queued = store.requeueFailedSince(webhookId, from, clock.millis());
    if (queued > 0) {
      wakeup.wake();
    }
    return queued;
  }

  /**
   * Send Test: the catalog's sample for {@code eventName}, signed, sent at once (also to a disabled
   * webhook), recorded as a test delivery, never retried and never counted by the disable rule.
   * Answers within the attempt budget whatever the endpoint does.
   */
  TestResult test(String orgId, String webhookId, String eventName) {
    log.webhook(orgId, webhookId);
    if (eventName == null || eventName.isBlank()) {
      throw ApiException.invalid("event", "is required");
    }
    EventType type =
        EventType.fromWireName(eventName)
            .orElseThrow(() -> ApiException.invalid("event", "is not a known event type"));
    String deliveryId = Ids.next("delivery");
    long now = clock.millis();
    if (store.countTestsSince(webhookId, now - 60_000) >= TESTS_PER_MINUTE) {
      throw ApiException.rateLimited(
          "Send Test is limited to "
              + TESTS_PER_MINUTE
              + " per minute per webhook; try again in a minute");
    }
    tx.executeWithoutResult(status -> insertTest(orgId, webhookId, type, deliveryId, now));
    Job job = loader.apply(List.of(deliveryId)).get(0);
    Attempt attempt = sending.send(job, node).join(); // completes within the budget
    writer.write(List.of(attempt));
    Outcome outcome = attempt.outcome();
    return new TestResult(
        deliveryId, outcome.success(), outcome.status(), outcome.responseTimeMs(), outcome.error());
  }

  private void insertTest(
      String orgId, String webhookId, EventType type, String deliveryId, long now) {
    String eventId = Ids.next("evt");
    jdbc.update(
        "INSERT INTO events (id, org_id, org_name, type, data, occurred_at, object_id)"
            + " SELECT ?, id, name, ?, ?, ?, ? FROM organizations WHERE id = ?",
        eventId,
        type.wireName(),
        json.writeValueAsString(EventCatalog.get(type).sample()),
        now,
        EventObjects.objectId(json, EventCatalog.get(type).sample()),
        orgId);
    // Leased by this node while it sends; if the node dies first, the lease expires and the
    // dispatcher sends it once (tests are never retried beyond that).
    store.insertTest(
        deliveryId, orgId, webhookId, eventId, type.wireName(), node, now + lease.toMillis(), now);
  }

  /** An ISO-8601 time in the years 1970 to 9999; 400 naming {@code since} otherwise. */
  static Instant parseSince(String since) {
    return Instant.ofEpochMilli(Times.epochMillis("since", since));
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
