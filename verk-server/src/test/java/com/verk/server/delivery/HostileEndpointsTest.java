package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.delivery.HostileReceiver.Answer;
import com.verk.server.events.EventType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each hostile answer, against the real HTTP sender with a 1 s budget: one failed attempt with a
 * clear error, ended by the budget at the latest, with the slot given back and far fewer bytes read
 * than the endpoint tried to send (the heap stays bounded because the sender stops reading).
 */
class HostileEndpointsTest {

  private static final Duration BUDGET = Duration.ofSeconds(1);

  @ParameterizedTest
  @EnumSource(Answer.class)
  void a_hostile_answer_is_one_failed_attempt_within_the_budget(Answer answer) {
    HttpSender sender = new HttpSender(BUDGET, true, "Verk-Webhooks/test", 64);
    try (HostileReceiver receiver = new HostileReceiver(answer);
        ManualEngine e =
            new ManualEngine(sender, Map.of("timeout", BUDGET.toMillis() + "ms", "lease", "10s"))) {
      String org = e.org("Target");
      e.webhook(org, receiver.url(), EventType.TASK_CREATED);
      String id = e.publish(org, EventType.TASK_CREATED).get(0);

      e.dispatch();
      e.awaitSent(1);
      e.record();

      Map<String, Object> row = e.delivery(id);
      assertThat(row.get("status")).isEqualTo("pending");
      assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1);
      assertThat(row.get("lease_owner")).isNull();
      assertThat((String) row.get("last_error")).isNotBlank().matches(expectedError(answer));
      assertThat(((Number) row.get("response_time_ms")).longValue())
          .as("ended by the budget")
          .isLessThanOrEqualTo(BUDGET.toMillis() + 2_000);
      assertThat(e.held().empty()).as("held: %s", e.held()).isTrue();
      assertThat(receiver.written()).as("bytes the endpoint wrote").isLessThan(16L << 20);
    }
  }

  private static String expectedError(Answer answer) {
    return switch (answer) {
      case INFORMATIONAL_150, TRICKLE, SILENCE -> "(?s).*timeout.*";
      case ENDLESS_HEADERS, HUGE_HEADER -> "(?s).*(invalid HTTP response|timeout).*";
      case ENDLESS_BODY, GZIP_BOMB -> "(?s).*(larger than 64 KiB|timeout).*";
      case RESET -> "(?s).*(connection|reset|closed|EOF).*";
    };
  }
}
