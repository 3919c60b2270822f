package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.events.EventType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The retry schedule and the disable rule, stepped by hand on a fixed clock: no polling, and each
 * attempt happens exactly when the clock reaches it, never a millisecond before.
 */
class RetryScheduleTest {

  private static final List<Duration> SCHEDULE =
      List.of(
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(15),
          Duration.ofHours(1),
          Duration.ofHours(3),
          Duration.ofHours(6));

  @Test
  void a_failing_delivery_is_tried_on_the_schedule_then_failed_and_the_webhook_disabled() {
    ScriptedTransport transport = new ScriptedTransport();
    for (int i = 0; i < 7; i++) {
      transport.answer(500);
    }
    try (ManualEngine e = new ManualEngine(transport, Map.of())) {
      String org = e.org("Acme");
      String hook = e.webhook(org, "https://down.example/hook", EventType.TASK_CREATED);
      String id = e.publish(org, EventType.TASK_CREATED).get(0);

      for (int attempt = 1; attempt <= 7; attempt++) {
        assertThat(e.dispatch()).as("attempt %d is due", attempt).isEqualTo(1);
        e.awaitSent(1);
        e.record();
        Map<String, Object> row = e.delivery(id);
        assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(attempt);
        if (attempt < 7) {
          Duration delay = SCHEDULE.get(attempt - 1);
          assertThat(row.get("status")).isEqualTo("pending");
          e.advance(delay.minusMillis(1));
          assertThat(e.dispatch()).as("not a millisecond early").isZero();
          e.advance(Duration.ofMillis(1));
        } else {
          assertThat(row.get("status")).isEqualTo("failed");
          assertThat(row.get("next_attempt_at")).isNull();
        }
      }

      Map<String, Object> webhook =
          e.jdbc().queryForMap("SELECT active, disabled_reason FROM webhooks WHERE id = ?", hook);
      assertThat(DeliveryFixtures.bool(webhook.get("active"))).isFalse();
      assertThat((String) webhook.get("disabled_reason")).contains(id).contains("HTTP 500");
      String later = e.publish(org, EventType.TASK_CREATED).get(0);
      assertThat(e.delivery(later).get("status")).isEqualTo("skipped");
      assertThat(transport.urls()).hasSize(7);
      assertThat(e.held().empty()).isTrue();
    }
  }
}
