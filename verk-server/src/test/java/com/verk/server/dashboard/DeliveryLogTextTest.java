package com.verk.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.webhooks.DisableReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the delivery log pages compute from text: UTC inputs, the search, reasons, schedules. */
class DeliveryLogTextTest {

  @Test
  void utc_inputs_name_a_span_in_utc_and_refuse_anything_else() {
    assertThat(UtcInput.parse("2024-01-15 10:30"))
        .contains(
            new UtcInput(
                Instant.parse("2024-01-15T10:30:00Z"), Instant.parse("2024-01-15T10:31:00Z")));
    assertThat(UtcInput.parse(" 2024-01-15T10:30:45Z "))
        .contains(
            new UtcInput(
                Instant.parse("2024-01-15T10:30:45Z"), Instant.parse("2024-01-15T10:30:46Z")));
    assertThat(UtcInput.parse("2024-01-15 10:30 UTC").orElseThrow().start())
        .isEqualTo(Instant.parse("2024-01-15T10:30:00Z"));
    assertThat(UtcInput.parse("2024-01-15"))
        .contains(
            new UtcInput(
                Instant.parse("2024-01-15T00:00:00Z"), Instant.parse("2024-01-16T00:00:00Z")));
    for (String bad :
        List.of(
            "",
            "yesterday",
            "15/01/2024",
            "2024-01-15 10:30+02:00",
            "2024-02-30",
            "2024-01-15 25:00",
            "0000-01-01",
            "2024-01-15 10:30 CET")) {
      assertThat(UtcInput.parse(bad)).as(bad).isEmpty();
    }
    assertThat(UtcInput.parse(null)).isEmpty();
    assertThat(UtcInput.show(Instant.parse("2024-01-15T10:30:59Z").toEpochMilli()))
        .isEqualTo("2024-01-15 10:30");
  }

  @Test
  void the_search_form_becomes_a_filter_and_names_what_it_left_out() {
    LogSearch byTask = LogSearch.of("failed", "task.created", " task_1 ", "2024-01-15", "");
    assertThat(byTask.filter().objectId()).isEqualTo("task_1");
    assertThat(byTask.filter().deliveryId()).isNull();
    assertThat(byTask.filter().since()).isEqualTo(Instant.parse("2024-01-15T00:00:00Z"));
    assertThat(byTask.filter().until()).isNull();
    assertThat(byTask.problems()).isEmpty();
    assertThat(byTask.query("c1"))
        .isEqualTo("?status=failed&event=task.created&q=task_1&from=2024-01-15&cursor=c1");

    LogSearch byDelivery = LogSearch.of(null, null, "delivery_abc", null, "2024-01-15 10:30");
    assertThat(byDelivery.filter().deliveryId()).isEqualTo("delivery_abc");
    assertThat(byDelivery.filter().objectId()).isNull();
    assertThat(byDelivery.filter().until())
        .as("'to' includes the minute it names")
        .isEqualTo(Instant.parse("2024-01-15T10:31:00Z"));
    assertThat(byDelivery.query(null)).isEqualTo("?q=delivery_abc&to=2024-01-15+10%3A30");

    LogSearch bad = LogSearch.of("weird", "task.nope", "", "soon", "2024-01-01");
    assertThat(bad.filter().status()).isNull();
    assertThat(bad.filter().event()).isNull();
    assertThat(bad.filter().since()).isNull();
    assertThat(bad.problems()).singleElement().asString().startsWith("From:");

    LogSearch backwards = LogSearch.of(null, null, null, "2024-02-01", "2024-01-01");
    assertThat(backwards.filter().any()).isFalse();
    assertThat(backwards.problems()).singleElement().asString().contains("later than From");
    assertThat(LogSearch.of(null, null, null, null, null).active()).isFalse();
  }

  @Test
  void a_disable_reason_reads_error_first_and_other_text_stays_as_it_is() {
    DisableReason reason = new DisableReason("delivery_x1", 7, "HTTP 500");
    // The stored text (and the webhook.disabled event's reason) keeps its wording.
    assertThat(reason.text())
        .isEqualTo(
            "Disabled after delivery delivery_x1 failed 7 attempts with no successful delivery"
                + " since its first attempt; last error: HTTP 500");
    assertThat(DisableReason.parse(reason.text())).contains(reason);
    DisableReasons shown = new DisableReasons();
    assertThat(shown.headline(reason.text()))
        .isEqualTo("HTTP 500 on the last of 7 failed attempts in a row");
    assertThat(shown.deliveryId(reason.text())).isEqualTo("delivery_x1");
    String timeout =
        "Disabled after delivery delivery_y failed 1 attempts with no successful delivery since"
            + " its first attempt; last error: timeout: no complete response within 5000 ms";
    assertThat(shown.headline(timeout))
        .isEqualTo("timeout: no complete response within 5000 ms on its only attempt");
    assertThat(shown.headline("Disabled by hand")).isEqualTo("Disabled by hand");
    assertThat(shown.deliveryId("Disabled by hand")).isNull();
    assertThat(shown.headline(null)).isNull();
  }

  @Test
  void the_troubleshooting_text_follows_the_configured_schedule_and_timeout() {
    DeliverySchedule defaults =
        new DeliverySchedule(
            List.of(
                Duration.ofMinutes(1),
                Duration.ofMinutes(5),
                Duration.ofMinutes(15),
                Duration.ofHours(1),
                Duration.ofHours(3),
                Duration.ofHours(6)),
            Duration.ofSeconds(5));
    assertThat(defaults.exhausted())
        .isEqualTo("still fails after its 6 retries (1 min to 6 h apart, 10 h 21 min in all)");
    assertThat(defaults.timeout()).isEqualTo("5 s");

    DeliverySchedule custom =
        new DeliverySchedule(
            List.of(Duration.ofSeconds(30), Duration.ofSeconds(150), Duration.ofDays(1)),
            Duration.ofMillis(2500));
    assertThat(custom.exhausted())
        .isEqualTo("still fails after its 3 retries (30 s to 1 d apart, 1 d 3 min in all)");
    assertThat(custom.timeout()).isEqualTo("2.5 s");
    assertThat(custom.schedule()).isEqualTo("30 s, 2 min 30 s, 1 d");
    assertThat(
            new DeliverySchedule(List.of(Duration.ofSeconds(1)), Duration.ofMillis(800))
                .exhausted())
        .isEqualTo("still fails after its 1 retry (1 s apart, 1 s in all)");
    assertThat(new DeliverySchedule(List.of(), Duration.ofMillis(800)).exhausted())
        .startsWith("fails its only attempt");
    assertThat(new DeliverySchedule(List.of(), Duration.ofMillis(800)).timeout())
        .isEqualTo("800 ms");
  }

  @Test
  void urls_break_after_separators_but_keep_the_scheme_whole() {
    assertThat(new LogFormat().breakable("https://hooks.example.com/a/b?x=1&y=2"))
        .containsExactly(
            "https://", "hooks.", "example.", "com/", "a/", "b?", "x=", "1&", "y=", "2");
    assertThat(String.join("", new LogFormat().breakable("https://a.io/very-long-path")))
        .isEqualTo("https://a.io/very-long-path");
  }
}
