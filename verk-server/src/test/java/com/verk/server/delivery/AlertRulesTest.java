package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.events.EventType;
import com.verk.server.system.Ids;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert rule (docs/alerts.md) on the engine driven step by step with a fixed clock: when a
 * webhook counts as failing, once per day and not again until recovered, disabled and recovered,
 * the operational events (signed, never to the webhook they are about) and the queued emails.
 */
class AlertRulesTest {

  private static final String DOWN = "https://down.example.com/hook";
  private static final String WATCHER = "https://ops.example.com/hook";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Answers 500 for the URLs in {@code down}, 200 for the others, and keeps every request. */
  static final class ByUrl implements Transport {
    record Request(String url, Map<String, String> headers, String body) {}

    final Set<String> down = ConcurrentHashMap.newKeySet();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<Outcome> send(String url, Map<String, String> headers, byte[] body) {
      requests.add(new Request(url, Map.copyOf(headers), new String(body, StandardCharsets.UTF_8)));
      return CompletableFuture.completedFuture(
          down.contains(url)
              ? new Outcome.Failed(500, "down for maintenance", 1)
              : new Outcome.Delivered(200, "ok", 1));
    }

    @Override
    public void close() {}
  }

  private static int attemptDue(ManualEngine e) {
    int n = e.dispatch();
    if (n > 0) {
      e.awaitSent(n);
      e.record();
    }
    return n;
  }

  private static List<Map<String, Object>> alerts(ManualEngine e, String webhookId) {
    return e.jdbc()
        .queryForList(
            "SELECT kind, reason, details, created_at FROM alerts WHERE webhook_id = ?"
                + " ORDER BY created_at, id",
            webhookId);
  }

  private static List<String> kinds(ManualEngine e, String webhookId) {
    return alerts(e, webhookId).stream().map(a -> (String) a.get("kind")).toList();
  }

  private static long deliveriesOf(ManualEngine e, String webhookId, String eventType) {
    Long n =
        e.jdbc()
            .queryForObject(
                "SELECT COUNT(*) FROM deliveries WHERE webhook_id = ? AND event_type = ?",
                Long.class,
                webhookId,
                eventType);
    return n == null ? 0 : n;
  }

  @Test
  void a_failing_alert_is_raised_once_the_oldest_failing_delivery_has_used_half_its_retries() {
    ByUrl transport = new ByUrl();
    transport.down.add(DOWN);
    try (ManualEngine e = new ManualEngine(transport, Map.of())) {
      String org = e.org("Acme");
      String hook = e.webhook(org, DOWN, EventType.TASK_CREATED, EventType.WEBHOOK_FAILING);
      String watcher = e.webhook(org, WATCHER, EventType.WEBHOOK_FAILING);
      e.publish(org, EventType.TASK_CREATED);

      // The default schedule has 6 retries: attempts 1 to 3 have used 0, 1 and 2 of them.
      List<Duration> delays =
          List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15));
      for (Duration delay : delays) {
        assertThat(attemptDue(e)).isEqualTo(1);
        assertThat(kinds(e, hook)).isEmpty();
        e.advance(delay);
      }
      assertThat(attemptDue(e)).isEqualTo(1);

      List<Map<String, Object>> alerts = alerts(e, hook);
      assertThat(alerts).hasSize(1);
      assertThat(alerts.get(0).get("kind")).isEqualTo("failing");
      assertThat((String) alerts.get(0).get("reason")).contains("used 3 of its 6 retries");
      assertThat(deliveriesOf(e, watcher, "webhook.failing")).isEqualTo(1);
      assertThat(deliveriesOf(e, hook, "webhook.failing"))
          .as("a webhook never receives the operational events about itself")
          .isZero();
    }
  }

  @Test
  void a_failing_alert_is_raised_after_an_hour_without_success_while_attempts_fail() {
    ByUrl transport = new ByUrl();
    transport.down.add(DOWN);
    try (ManualEngine e =
        new ManualEngine(transport, Map.of("retry-schedule", "30m,30m,30m,30m,30m,30m,30m,30m"))) {
      String org = e.org("Acme");
      String hook = e.webhook(org, DOWN, EventType.TASK_CREATED);
      e.publish(org, EventType.TASK_CREATED);

      attemptDue(e);
      e.advance(Duration.ofMinutes(30));
      attemptDue(e);
      assertThat(kinds(e, hook)).as("30 minutes, 1 of 8 retries used").isEmpty();
      e.advance(Duration.ofMinutes(30));
      attemptDue(e);

      List<Map<String, Object>> alerts = alerts(e, hook);
      assertThat(kinds(e, hook)).containsExactly("failing");
      assertThat((String) alerts.get(0).get("reason"))
          .startsWith("No successful delivery for 1 hour");
    }
  }

  @Test
  void a_failing_webhook_is_alerted_at_most_once_a_day_and_not_again_until_it_recovered() {
    ByUrl transport = new ByUrl();
    transport.down.add(DOWN);
    try (ManualEngine e = new ManualEngine(transport, Map.of())) {
      String org = e.org("Acme");
      String hook = e.webhook(org, DOWN, EventType.TASK_CREATED);
      e.publish(org, EventType.TASK_CREATED);
      for (Duration delay :
          List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15))) {
        attemptDue(e);
        e.advance(delay);
      }
      attemptDue(e);
      assertThat(kinds(e, hook)).containsExactly("failing");

      e.publish(org, EventType.TASK_CREATED);
      e.advance(Duration.ofMinutes(30));
      attemptDue(e);
      assertThat(kinds(e, hook)).as("still failing: no second alert").containsExactly("failing");

      transport.down.remove(DOWN);
      e.publish(org, EventType.TASK_CREATED);
      attemptDue(e);
      assertThat(kinds(e, hook)).containsExactly("failing", "recovered");

      transport.down.add(DOWN);
      e.publish(org, EventType.TASK_CREATED);
      for (Duration delay :
          List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15))) {
        attemptDue(e);
        e.advance(delay);
      }
      attemptDue(e);
      assertThat(kinds(e, hook))
          .as("failing again within a day of the last failing alert")
          .containsExactly("failing", "recovered");

      e.advance(Duration.ofHours(24));
      e.publish(org, EventType.TASK_CREATED);
      attemptDue(e);
      assertThat(kinds(e, hook)).containsExactly("failing", "recovered", "failing");
    }
  }

  @Test
  void the_disabled_alert_carries_the_reason_and_last_error_and_a_success_after_re_enable_recovers()
      throws Exception {
    ByUrl transport = new ByUrl();
    transport.down.add(DOWN);
    try (ManualEngine e = new ManualEngine(transport, Map.of("retry-schedule", "1m,1m"))) {
      String org = e.org("Acme");
      String hook = e.webhook(org, DOWN, EventType.TASK_CREATED);
      String watcher = e.webhook(org, WATCHER, EventType.WEBHOOK_DISABLED);
      e.publish(org, EventType.TASK_CREATED);
      attemptDue(e);
      e.advance(Duration.ofMinutes(1));
      attemptDue(e);
      e.advance(Duration.ofMinutes(1));
      attemptDue(e);

      assertThat(kinds(e, hook)).containsExactly("failing", "disabled");
      Map<String, Object> disabled = alerts(e, hook).get(1);
      assertThat((String) disabled.get("reason")).contains("failed 3 attempts");
      JsonNode details = JSON.readTree((String) disabled.get("details"));
      assertThat(details.path("data").path("lastError").asString()).isEqualTo("HTTP 500");
      assertThat(details.path("data").path("lastResponseStatus").asInt()).isEqualTo(500);
      assertThat(details.path("data").path("failedAttempts").asLong()).isEqualTo(3);
      assertThat(details.path("data").path("disabledAt").isNull()).isFalse();
      assertThat(details.path("lastErrors")).hasSize(3);

      assertThat(attemptDue(e)).as("the watcher's webhook.disabled").isEqualTo(1);
      ByUrl.Request event = transport.requests.get(transport.requests.size() - 1);
      assertThat(event.url()).isEqualTo(WATCHER);
      assertThat(event.headers().get("X-Verk-Signature"))
          .isEqualTo(Hmac.spec(ManualEngine.SECRET, event.body()));
      JsonNode envelope = JSON.readTree(event.body());
      assertThat(envelope.path("event").asString()).isEqualTo("webhook.disabled");
      assertThat(envelope.path("webhookId").asString()).isEqualTo(watcher);
      assertThat(envelope.path("data").path("webhookId").asString()).isEqualTo(hook);
      assertThat(envelope.path("data").path("url").asString()).isEqualTo(DOWN);
      assertThat(envelope.path("data").path("reason").asString()).contains("failed 3 attempts");

      e.jdbc()
          .update(
              "UPDATE webhooks SET active = TRUE, disabled_at = NULL, disabled_reason = NULL"
                  + " WHERE id = ?",
              hook);
      transport.down.remove(DOWN);
      e.publish(org, EventType.TASK_CREATED);
      attemptDue(e);
      assertThat(kinds(e, hook)).containsExactly("failing", "disabled", "recovered");
    }
  }

  @Test
  void test_sends_and_other_webhooks_failing_raise_no_alert_about_a_healthy_webhook() {
    ByUrl transport = new ByUrl();
    transport.down.add(DOWN);
    try (ManualEngine e = new ManualEngine(transport, Map.of("retry-schedule", "1m,1m"))) {
      String org = e.org("Acme");
      String down = e.webhook(org, DOWN, EventType.TASK_CREATED);
      String fine = e.webhook(org, WATCHER, EventType.TASK_CREATED);
      e.publish(org, EventType.TASK_CREATED);
      attemptDue(e);
      e.advance(Duration.ofMinutes(1));
      attemptDue(e);
      assertThat(kinds(e, down)).containsExactly("failing");
      assertThat(kinds(e, fine)).isEmpty();
    }
  }

  @Test
  void an_alert_queues_one_email_per_owner_and_admin_who_wants_them_and_wakes_the_sender() {
    ByUrl transport = new ByUrl();
    transport.down.add(DOWN);
    try (ManualEngine e = new ManualEngine(transport, Map.of("retry-schedule", "1m,1m"), true)) {
      String org = e.org("Acme");
      String other = e.org("Globex");
      member(e, org, "owner@acme.test", "owner", true);
      member(e, org, "admin@acme.test", "admin", true);
      member(e, org, "quiet-admin@acme.test", "admin", false);
      member(e, org, "member@acme.test", "member", true);
      member(e, other, "owner@globex.test", "owner", true);
      String hook = e.webhook(org, DOWN, EventType.TASK_CREATED);
      e.publish(org, EventType.TASK_CREATED);
      attemptDue(e);
      e.advance(Duration.ofMinutes(1));
      attemptDue(e);

      assertThat(kinds(e, hook)).containsExactly("failing");
      assertThat(
              e.jdbc()
                  .queryForList(
                      "SELECT recipient FROM alert_emails WHERE status = 'pending'"
                          + " ORDER BY recipient",
                      String.class))
          .containsExactly("admin@acme.test", "owner@acme.test");
      assertThat(e.mailerWakeups()).isEqualTo(1);
    }
  }

  @Test
  void without_a_mail_server_alerts_queue_no_email() {
    ByUrl transport = new ByUrl();
    transport.down.add(DOWN);
    try (ManualEngine e = new ManualEngine(transport, Map.of("retry-schedule", "1m,1m"))) {
      String org = e.org("Acme");
      member(e, org, "owner@acme.test", "owner", true);
      String hook = e.webhook(org, DOWN, EventType.TASK_CREATED);
      e.publish(org, EventType.TASK_CREATED);
      attemptDue(e);
      e.advance(Duration.ofMinutes(1));
      attemptDue(e);

      assertThat(kinds(e, hook)).containsExactly("failing");
      assertThat(e.jdbc().queryForObject("SELECT COUNT(*) FROM alert_emails", Long.class)).isZero();
      assertThat(e.mailerWakeups()).isZero();
    }
  }

  @Test
  void a_failing_alert_rule_never_stops_the_outcomes_from_being_recorded() {
    ByUrl transport = new ByUrl();
    transport.down.add(DOWN);
    try (ManualEngine e = new ManualEngine(transport, Map.of("retry-schedule", "1m,1m"))) {
      String org = e.org("Acme");
      e.webhook(org, DOWN, EventType.TASK_CREATED);
      String delivery = e.publish(org, EventType.TASK_CREATED).get(0);
      e.jdbc().execute("DROP TABLE webhook_alert_state");
      attemptDue(e);
      e.advance(Duration.ofMinutes(1));
      attemptDue(e);

      assertThat(e.attempts(delivery)).isEqualTo(2);
      assertThat(e.delivery(delivery).get("status")).isEqualTo("pending");
      assertThat(e.jdbc().queryForObject("SELECT COUNT(*) FROM alerts", Long.class))
          .as("the rule's writes are undone with it")
          .isZero();
      assertThat(e.held().inFlight()).isZero();
    }
  }

  static void member(ManualEngine e, String org, String email, String role, boolean emails) {
    long now = e.clock().millis();
    e.jdbc()
        .update(
            "INSERT INTO members (id, org_id, email, name, role, created_at, updated_at,"
                + " alert_emails) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            Ids.next("user"),
            org,
            email,
            email,
            role,
            now,
            now,
            emails);
  }
}
