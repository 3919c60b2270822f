package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EnvelopeAndRetryTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final Envelope envelope = new Envelope(JSON);

  private static Job job(int attempts) {
    return new Job(
        "delivery_1",
        "webhook_1",
        "org_1",
        "Acme \"Inc\" ✓",
        "evt_1",
        "task.created",
        "{\"id\":\"task_1\",\"n\":1.50,\"nested\":{\"b\":1,\"a\":2}}",
        1_705_314_600_000L,
        false,
        attempts,
        0,
        null,
        "https://example.com",
        "secret",
        null,
        null,
        true);
  }

  @Test
  void the_envelope_carries_the_spec_fields_in_order_with_data_spliced_verbatim() {
    String body = new String(envelope.render(job(0)), StandardCharsets.UTF_8);

    assertThat(body)
        .isEqualTo(
            "{\"event\":\"task.created\",\"timestamp\":\"2024-01-15T10:30:00Z\","
                + "\"webhookId\":\"webhook_1\",\"deliveryId\":\"delivery_1\","
                + "\"data\":{\"id\":\"task_1\",\"n\":1.50,\"nested\":{\"b\":1,\"a\":2}},"
                + "\"organization\":{\"id\":\"org_1\",\"name\":\"Acme \\\"Inc\\\" ✓\"}}");
    JsonNode parsed = JSON.readTree(body);
    assertThat(parsed.path("organization").path("name").asString()).isEqualTo("Acme \"Inc\" ✓");
  }

  @Test
  void every_organization_name_renders_as_jackson_would_quote_it() {
    for (String name :
        List.of(
            "Plain Org 42",
            "back\\slash",
            "tab\there",
            "line\nbreak",
            "bell\u0007",
            "Ünïcode",
            "a/b")) {
      Job j = job(0);
      Job named =
          new Job(
              j.deliveryId(),
              j.webhookId(),
              j.orgId(),
              name,
              j.eventId(),
              j.eventType(),
              j.eventData(),
              j.occurredAt(),
              j.test(),
              j.attempts(),
              j.retryBase(),
              j.firstAttemptAt(),
              j.url(),
              j.secret(),
              j.previousSecret(),
              j.previousSecretExpiresAt(),
              j.webhookActive());
      String body = new String(envelope.render(named), StandardCharsets.UTF_8);
      assertThat(body).endsWith(",\"name\":" + JSON.writeValueAsString(name) + "}}");
      assertThat(JSON.readTree(body).path("organization").path("name").asString()).isEqualTo(name);
    }
  }

  @Test
  void the_body_is_byte_identical_on_every_attempt() {
    assertThat(envelope.render(job(3))).isEqualTo(envelope.render(job(0)));
  }

  @Test
  void signatures_change_with_the_attempt_time_only_in_the_standard_webhooks_header() {
    Signer signer = new Signer("Verk-Webhooks/test");
    byte[] body = envelope.render(job(0));

    Map<String, String> first = signer.headers(job(0), body, 1_700_000_000L, "secret", null);
    Map<String, String> later = signer.headers(job(1), body, 1_700_000_060L, "secret", null);

    assertThat(first.get("X-Verk-Signature")).isEqualTo(later.get("X-Verk-Signature"));
    assertThat(first.get("X-Verk-Signature"))
        .isEqualTo(Hmac.spec("secret", new String(body, StandardCharsets.UTF_8)));
    assertThat(first.get("webhook-signature")).isNotEqualTo(later.get("webhook-signature"));
    assertThat(first).doesNotContainValue("secret");
  }

  @Test
  void the_default_schedule_gives_seven_attempts_each_delay_counted_from_the_previous_one() {
    RetryPolicy policy =
        new RetryPolicy(
            List.of(
                Duration.ofMinutes(1),
                Duration.ofMinutes(5),
                Duration.ofMinutes(15),
                Duration.ofHours(1),
                Duration.ofHours(3),
                Duration.ofHours(6)));

    assertThat(policy.maxAttempts()).isEqualTo(7);
    assertThat(policy.nextAttemptAt(1, 1_000, false)).hasValue(61_000);
    assertThat(policy.nextAttemptAt(6, 1_000, false)).hasValue(1_000 + 6 * 3_600_000);
    assertThat(policy.nextAttemptAt(7, 1_000, false)).isEmpty();
    assertThat(policy.nextAttemptAt(1, 1_000, true)).as("tests are not retried").isEmpty();
  }
}
