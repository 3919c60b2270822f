package com.verk.sdk;

import static com.verk.sdk.WebhookVerifierTest.HEX;
import static com.verk.sdk.WebhookVerifierTest.HEX_PREVIOUS;
import static com.verk.sdk.WebhookVerifierTest.PREVIOUS;
import static com.verk.sdk.WebhookVerifierTest.SECRET;
import static com.verk.sdk.WebhookVerifierTest.SENT_AT;
import static com.verk.sdk.WebhookVerifierTest.V1;
import static com.verk.sdk.WebhookVerifierTest.V1_PREVIOUS;
import static com.verk.sdk.WebhookVerifierTest.body;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signer against the vectors computed outside Java (see {@link WebhookVerifierTest}). */
class WebhookSignerTest {

  @Test
  void the_headers_are_verks_in_its_order_with_the_signatures_computed_outside_java() {
    Map<String, String> headers = WebhookSigner.of(SECRET).headers(body(), SENT_AT);

    assertThat(headers)
        .containsExactly(
            Map.entry("Content-Type", "application/json"),
            Map.entry("X-Verk-Event", "task.created"),
            Map.entry("X-Verk-Delivery", "delivery_456"),
            Map.entry("X-Verk-Signature", HEX),
            Map.entry("webhook-id", "delivery_456"),
            Map.entry("webhook-timestamp", "1705314600"),
            Map.entry("webhook-signature", V1));
  }

  @Test
  void during_a_rotation_both_schemes_carry_the_previous_secret_too() {
    Map<String, String> headers = WebhookSigner.of(SECRET, PREVIOUS).headers(body(), SENT_AT);

    assertThat(headers)
        .containsEntry("X-Verk-Signature", HEX)
        .containsEntry("X-Verk-Signature-Previous", HEX_PREVIOUS)
        .containsEntry("webhook-signature", V1 + " " + V1_PREVIOUS);
    assertThat(headers.keySet())
        .containsSubsequence("X-Verk-Signature", "X-Verk-Signature-Previous", "webhook-id");
  }

  @Test
  void the_timestamp_is_the_epoch_second_of_the_time_given() {
    Instant time = Instant.parse("2026-03-01T12:00:00.999Z");
    assertThat(WebhookSigner.of(SECRET).headers(body(), time))
        .containsEntry("webhook-timestamp", Long.toString(time.getEpochSecond()));
  }

  @Test
  void what_it_signs_the_verifier_accepts_with_either_secret_of_a_rotation() throws Exception {
    Instant now = Instant.parse("2026-03-01T12:00:00Z");
    byte[] body = body();
    Map<String, String> headers = WebhookSigner.of("new_secret", SECRET).headers(body, now);

    for (String secret : new String[] {"new_secret", SECRET}) {
      WebhookEvent event =
          WebhookVerifier.builder()
              .secret(secret)
              .clock(Clock.fixed(now, ZoneOffset.UTC))
              .build()
              .verifyAndParse(body, headers);
      assertThat(event.deliveryId()).isEqualTo("delivery_456");
    }
  }

  @Test
  void a_string_body_is_signed_as_its_utf_8_bytes() {
    String body = new String(body(), UTF_8);
    assertThat(WebhookSigner.of(SECRET).headers(body, SENT_AT))
        .isEqualTo(WebhookSigner.of(SECRET).headers(body(), SENT_AT));
  }

  @Test
  void any_body_can_be_signed_with_an_explicit_delivery_id_and_event_type() {
    Map<String, String> headers =
        WebhookSigner.of(SECRET).headers("delivery_456", "task.created", body(), SENT_AT);
    assertThat(headers).isEqualTo(WebhookSigner.of(SECRET).headers(body(), SENT_AT));

    assertThat(
            WebhookSigner.of(SECRET)
                .headers("delivery_1", "x.y", "not json".getBytes(UTF_8), SENT_AT))
        .containsEntry("X-Verk-Event", "x.y")
        .containsEntry("webhook-id", "delivery_1");
  }

  @Test
  void a_body_that_is_not_an_envelope_or_an_empty_secret_is_refused() {
    assertThatThrownBy(() -> WebhookSigner.of(SECRET).headers("[]", SENT_AT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookSigner.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookSigner.of(SECRET, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_headers_cannot_be_changed_by_the_caller() {
    Map<String, String> headers = WebhookSigner.of(SECRET).headers(body(), SENT_AT);
    assertThatThrownBy(() -> headers.put("X-Verk-Signature", "sha256=00"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
