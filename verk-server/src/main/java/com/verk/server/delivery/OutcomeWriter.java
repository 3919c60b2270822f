package com.verk.server.delivery;

import com.verk.server.alerts.AlertRules;
import com.verk.server.storage.DatabaseKind;
import com.verk.server.system.Ids;
import com.verk.server.webhooks.DisableReason;
import com.verk.server.webhooks.WebhookOutcomes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes finished attempts in one transaction: the attempt rows, the deliveries' new state (through
 * {@link DeliveryStore}), and the webhooks' health and the disable rule (through {@code
 * webhooks/}), and the alerts they raise (through {@code alerts/}, whose operational events and
 * emails are queued in the same transaction). The engine's recorder writes on the engine's pool;
 * Send Test writes on the API's, and test sends never raise alerts.
 */
final class OutcomeWriter {

  private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);

  private final JdbcTemplate jdbc;
  private final JdbcClient client;
  private final TransactionTemplate tx;
  private final TransactionTemplate savepoint;
  private final DeliveryStore store;
  private final WebhookOutcomes webhooks;
  private final RetryPolicy retries;
  private final JsonMapper json;
  private final AlertRules alerts;
  private final boolean attemptsFromArrays;

  /**
   * @param alerts the alert rule on the same {@code dataSource}, or null where only test sends are
   *     recorded
   */
  OutcomeWriter(
      DataSource dataSource,
      DatabaseKind kind,
      RetryPolicy retries,
      JsonMapper json,
      AlertRules alerts) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.client = JdbcClient.create(jdbc);
    JdbcTransactionManager transactions = new JdbcTransactionManager(dataSource);
    this.tx = new TransactionTemplate(transactions);
    this.savepoint = new TransactionTemplate(transactions);
    savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.store = new DeliveryStore(jdbc, kind);
    this.webhooks = new WebhookOutcomes(dataSource);
    this.retries = retries;
    this.json = json;
    this.alerts = alerts;
    this.attemptsFromArrays = kind.insertsFromArrays();
  }

  /** Records {@code batch} in one transaction, or nothing if it throws. */
  void write(List<Attempt> batch) {
    tx.executeWithoutResult(
        status -> {
          insertAttempts(batch);
          store.recordOutcomes(batch, this::next);
          Map<String, Long> successes = latestSuccesses(batch);
          webhooks.succeeded(successes);
          pause(batch);
          List<AlertRules.Disabled> disabled = disableExhausted(batch);
          if (alerts != null) {
            raiseAlerts(successes, failures(batch), disabled);
          }
        });
  }

  /**
   * The alert rule runs under a savepoint: should it fail, its writes are undone and the outcomes
   * are still recorded. Alerts must never hold up deliveries.
   */
  private void raiseAlerts(
      Map<String, Long> successes,
      List<AlertRules.Failure> failures,
      List<AlertRules.Disabled> disabled) {
    try {
      savepoint.executeWithoutResult(status -> alerts.afterOutcomes(successes, failures, disabled));
    } catch (RuntimeException e) {
      log.error("The alert rule failed; the outcomes are recorded without their alerts", e);
    }
  }

  private void insertAttempts(List<Attempt> batch) {
    if (attemptsFromArrays) {
      insertAttemptsFromArrays(batch);
      return;
    }
    // INSERT ... SELECT ... WHERE EXISTS: a delivery deleted with its webhook meanwhile must not
    // fail the whole batch on the foreign key.
    jdbc.batchUpdate(
        """
        INSERT INTO delivery_attempts (id, delivery_id, webhook_id, number, attempted_at, success,
          response_status, response_time_ms, error, response_body, request_headers)
        SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
        WHERE EXISTS (SELECT 1 FROM deliveries WHERE id = ?)""",
        batch,
        batch.size(),
        (PreparedStatement ps, Attempt a) -> {
          Outcome o = a.outcome();
          ps.setString(1, Ids.next("att"));
          ps.setString(2, a.job().deliveryId());
          ps.setString(3, a.job().webhookId());
          ps.setInt(4, a.number());
          ps.setLong(5, a.attemptedAt());
          ps.setBoolean(6, o.success());
          if (o.status() == null) {
            ps.setNull(7, Types.INTEGER);
          } else {
            ps.setInt(7, o.status());
          }
          ps.setLong(8, o.responseTimeMs());
          Rows.setText(ps, 9, o.error());
          Rows.setText(ps, 10, o.responseBody());
          Rows.setText(ps, 11, json.writeValueAsString(a.requestHeaders()));
          ps.setString(12, a.job().deliveryId());
        });
  }

  /**
   * PostgreSQL: the whole batch in one statement, its columns sent as arrays. pgjdbc cannot rewrite
   * the {@code INSERT ... SELECT ... WHERE EXISTS} above into a multi-row insert, so a batch of 256
   * attempts was 256 statements while the claims waited on the rows they left leased. The same
   * rule: attempts of deliveries deleted meanwhile are left out, not a foreign-key failure.
   */
  private void insertAttemptsFromArrays(List<Attempt> batch) {
    int n = batch.size();
    String[] ids = new String[n];
    String[] deliveries = new String[n];
    String[] webhookIds = new String[n];
    Integer[] numbers = new Integer[n];
    Long[] attemptedAt = new Long[n];
    Boolean[] success = new Boolean[n];
    Integer[] status = new Integer[n];
    Long[] responseTime = new Long[n];
    String[] errors = new String[n];
    String[] bodies = new String[n];
    String[] headers = new String[n];
    for (int i = 0; i < n; i++) {
      Attempt a = batch.get(i);
      Outcome o = a.outcome();
      ids[i] = Ids.next("att");
      deliveries[i] = a.job().deliveryId();
      webhookIds[i] = a.job().webhookId();
      numbers[i] = a.number();
      attemptedAt[i] = a.attemptedAt();
      success[i] = o.success();
      status[i] = o.status();
      responseTime[i] = o.responseTimeMs();
      errors[i] = Rows.storable(o.error());
      bodies[i] = Rows.storable(o.responseBody());
      headers[i] = Rows.storable(json.writeValueAsString(a.requestHeaders()));
    }
    jdbc.update(
        """
        INSERT INTO delivery_attempts (id, delivery_id, webhook_id, number, attempted_at, success,
          response_status, response_time_ms, error, response_body, request_headers)
        SELECT v.* FROM unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::bigint[],
          ?::boolean[], ?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[])
          AS v(id, delivery_id, webhook_id, number, attempted_at, success, response_status,
            response_time_ms, error, response_body, request_headers)
        WHERE EXISTS (SELECT 1 FROM deliveries d WHERE d.id = v.delivery_id)""",
        ps -> {
          Connection c = ps.getConnection();
          ps.setArray(1, c.createArrayOf("text", ids));
          ps.setArray(2, c.createArrayOf("text", deliveries));
          ps.setArray(3, c.createArrayOf("text", webhookIds));
          ps.setArray(4, c.createArrayOf("int4", numbers));
          ps.setArray(5, c.createArrayOf("int8", attemptedAt));
          ps.setArray(6, c.createArrayOf("bool", success));
          ps.setArray(7, c.createArrayOf("int4", status));
          ps.setArray(8, c.createArrayOf("int8", responseTime));
          ps.setArray(9, c.createArrayOf("text", errors));
          ps.setArray(10, c.createArrayOf("text", bodies));
          ps.setArray(11, c.createArrayOf("text", headers));
        });
  }

  // One row per webhook and batch, not per attempt: a busy webhook would otherwise make every
  // batch update its row hundreds of times.
  private static Map<String, Long> latestSuccesses(List<Attempt> batch) {
    Map<String, Long> latest = new HashMap<>();
    for (Attempt a : batch) {
      if (a.outcome().success() && !a.job().test()) {
        latest.merge(a.job().webhookId(), a.attemptedAt(), Math::max);
      }
    }
    return latest;
  }

  /**
   * The disable rule: a delivery's last retry failed and nothing reached the webhook since that
   * delivery's first attempt. Runs after the successes of the same batch are written, so they
   * count.
   */
  private List<AlertRules.Disabled> disableExhausted(List<Attempt> batch) {
    List<AlertRules.Disabled> disabled = new ArrayList<>();
    for (Attempt a : batch) {
      if (a.outcome().success() || a.job().test() || next(a).isPresent()) {
        continue;
      }
      long firstAttempt =
          a.job().firstAttemptAt() != null ? a.job().firstAttemptAt() : a.attemptedAt();
      String reason =
          new DisableReason(
                  a.job().deliveryId(), a.number() - a.job().retryBase(), a.outcome().error())
              .text();
      if (webhooks.disableAfterFailures(
          a.job().webhookId(), a.attemptedAt(), firstAttempt, reason)) {
        log.warn("Webhook {} disabled: {}", a.job().webhookId(), reason);
        disabled.add(new AlertRules.Disabled(a.job().webhookId(), a.attemptedAt(), reason));
      }
    }
    return disabled;
  }

  private static List<AlertRules.Failure> failures(List<Attempt> batch) {
    List<AlertRules.Failure> failures = new ArrayList<>();
    for (Attempt a : batch) {
      if (!a.outcome().success() && !a.job().test()) {
        failures.add(
            new AlertRules.Failure(
                a.job().webhookId(),
                a.number() - a.job().retryBase(),
                a.job().firstAttemptAt() != null ? a.job().firstAttemptAt() : a.attemptedAt(),
                a.attemptedAt()));
      }
    }
    return failures;
  }

  /**
   * When the delivery is tried again: on the schedule, or at the end of the pause its receiver
   * asked for (429/503 with Retry-After), which replaces the schedule's delay. Either way the
   * attempt counts in the retry budget, so a receiver that always asks to wait ends the delivery
   * after the last attempt (at most {@link RetryAfter#MAX} apart), as any failure does.
   */
  private OptionalLong next(Attempt a) {
    if (a.outcome().success()) {
      return OptionalLong.empty();
    }
    OptionalLong scheduled =
        retries.nextAttemptAt(a.number() - a.job().retryBase(), a.attemptedAt(), a.job().test());
    if (scheduled.isEmpty()) {
      return scheduled;
    }
    OptionalLong pauseEnd = RetryAfter.pauseEnd(a.outcome(), a.attemptedAt());
    return pauseEnd.isPresent() ? pauseEnd : scheduled;
  }

  /**
   * Back-pressure pauses the whole webhook (not Send Test answers: tests never change a webhook's
   * state). The rate limit's waiting horizon starts again, since the pause moves those deliveries.
   */
  private void pause(List<Attempt> batch) {
    Map<String, Long> pauses = new HashMap<>();
    for (Attempt a : batch) {
      if (!a.job().test()) {
        RetryAfter.pauseEnd(a.outcome(), a.attemptedAt())
            .ifPresent(end -> pauses.merge(a.job().webhookId(), end, Math::max));
      }
    }
    webhooks.pause(pauses);
    pauses.keySet().forEach(id -> RateBuckets.resetWaiting(client, id));
  }
}
