package com.verk.sdk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.verk.sdk.WebhookVerificationException.Reason;
import com.verk.sdk.WebhookVerifier.Scheme;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Fixed vectors: the body is src/test/resources/task-created.json (351 bytes, contains non-ASCII),
 * the secret the spec's example. The expected signatures were computed outside Java, once:
 *
 * <pre>
 * openssl dgst -sha256 -hmac your_webhook_secret_12345 task-created.json
 * node   (the spec's verifyWebhook snippet, crypto.createHmac)   -> same hex, verifyWebhook true
 * python (the spec's verify_webhook snippet, hmac.new)           -> same hex, True
 * printf '%s' "delivery_456.1705314600.$(cat task-created.json)" \
 *   | openssl dgst -sha256 -hmac your_webhook_secret_12345 -binary | base64   (and node: same)
 * npm standardwebhooks@1.1.1: new Webhook(WHSEC).sign("delivery_456", 1705314600 s, body)
 *   -> the same V1 (and V1_PREVIOUS for previous_secret_67890)
 * </pre>
 */
class WebhookVerifierTest {

  static final String SECRET = "your_webhook_secret_12345";
  static final String WHSEC = "whsec_eW91cl93ZWJob29rX3NlY3JldF8xMjM0NQ==";
  static final String PREVIOUS = "previous_secret_67890";
  static final String HEX =
      "sha256=9847cffaa03ad755c5abf72a3206411c520f3ace05255a568a77ec2c9dece91e";
  static final String HEX_PREVIOUS =
      "sha256=d7f8876bae936fa675a2868cd719f2ac50d6b0782e4741bcb0a08096f691dc4e";
  static final String V1 = "v1,P2u5iX+NQFznZ8dx2NvwqjIYqdRIDAlLF+YGTz2qU9g=";
  static final String V1_PREVIOUS = "v1,NX1zuzogbH4tzDfbJ0KJQx0G0hhzmYNjExDjT09CmUg=";
  static final String ID = "delivery_456";
  static final String TIMESTAMP = "1705314600";
  static final Instant SENT_AT = Instant.ofEpochSecond(1705314600);

  static byte[] body() {
    try (InputStream in = WebhookVerifierTest.class.getResourceAsStream("/task-created.json")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static Map<String, Object> headers() {
    Map<String, Object> headers = new HashMap<>();
    headers.put("X-Verk-Signature", HEX);
    headers.put("webhook-id", ID);
    headers.put("webhook-timestamp", TIMESTAMP);
    headers.put("webhook-signature", V1);
    return headers;
  }

  static WebhookVerifier verifier(String... secrets) {
    return verifierAt(SENT_AT, secrets);
  }

  static WebhookVerifier verifierAt(Instant now, String... secrets) {
    return WebhookVerifier.builder()
        .secrets(List.of(secrets))
        .clock(Clock.fixed(now, ZoneOffset.UTC))
        .build();
  }

  static Reason reasonOf(WebhookVerifier verifier, byte[] body, Map<String, Object> headers) {
    try {
      verifier.verify(body, headers);
    } catch (WebhookVerificationException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContain(SECRET);
      return e.reason();
    }
    throw new AssertionError("verification passed");
  }

  @Test
  void the_spec_example_secret_verifies_the_vector_computed_by_openssl_node_and_python() {
    assertThat(body()).hasSize(351);
    assertThatCode(() -> verifier(SECRET).verify(body(), headers())).doesNotThrowAnyException();
  }

  @Test
  void the_hmac_helper_reproduces_the_independent_hex_vector() {
    byte[] mac = SigningKeys.hmacSha256(SECRET.getBytes(UTF_8), body());
    assertThat("sha256=" + java.util.HexFormat.of().formatHex(mac)).isEqualTo(HEX);
  }

  @Test
  void a_string_body_is_verified_as_its_utf8_bytes() {
    String text = new String(body(), UTF_8);
    assertThat(text).contains("café ✓");
    assertThatCode(() -> verifier(SECRET).verify(text, headers())).doesNotThrowAnyException();
  }

  @Test
  void a_whsec_secret_decodes_to_the_same_key() {
    assertThatCode(() -> verifier(WHSEC).verify(body(), headers())).doesNotThrowAnyException();
  }

  @Test
  void a_plain_secret_that_starts_with_whsec_still_works_as_literal_text() {
    String literal = "whsec_not+really=base64!";
    byte[] mac = SigningKeys.hmacSha256(literal.getBytes(UTF_8), body());
    Map<String, Object> headers = headers();
    headers.put("X-Verk-Signature", "sha256=" + java.util.HexFormat.of().formatHex(mac));
    WebhookVerifier verifier =
        WebhookVerifier.builder().secret(literal).schemes(Scheme.VERK_SIGNATURE).build();
    assertThatCode(() -> verifier.verify(body(), headers)).doesNotThrowAnyException();
  }

  @Test
  void header_names_are_matched_case_insensitively() {
    Map<String, Object> upper = new TreeMap<>();
    headers().forEach((k, v) -> upper.put(k.toUpperCase(java.util.Locale.ROOT), List.of(v)));
    assertThatCode(() -> verifier(SECRET).verify(body(), upper)).doesNotThrowAnyException();
  }

  @Test
  void a_lookup_function_is_tried_with_the_lower_case_name_too() {
    Map<String, Object> lower = new HashMap<>();
    headers().forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
    assertThatCode(() -> verifier(SECRET).verify(body(), name -> (String) lower.get(name)))
        .doesNotThrowAnyException();
  }

  @Test
  void a_tampered_body_is_a_mismatch() {
    byte[] tampered = body();
    tampered[tampered.length - 3] ^= 1;
    assertThat(reasonOf(verifier(SECRET), tampered, headers())).isEqualTo(Reason.MISMATCH);
  }

  @Test
  void a_wrong_secret_is_a_mismatch() {
    assertThat(reasonOf(verifier("another_secret"), body(), headers())).isEqualTo(Reason.MISMATCH);
  }

  @Test
  void a_tampered_standard_signature_is_a_mismatch_even_when_the_verk_signature_is_valid() {
    Map<String, Object> headers = headers();
    headers.put("webhook-id", "delivery_other");
    assertThat(reasonOf(verifier(SECRET), body(), headers)).isEqualTo(Reason.MISMATCH);
  }

  @Test
  void each_missing_header_is_reported_by_name() {
    for (String name :
        List.of("X-Verk-Signature", "webhook-id", "webhook-timestamp", "webhook-signature")) {
      Map<String, Object> headers = headers();
      headers.remove(name);
      assertThatThrownBy(() -> verifier(SECRET).verify(body(), headers))
          .isInstanceOfSatisfying(
              WebhookVerificationException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_HEADER))
          .hasMessageContaining(name);
    }
  }

  @Test
  void a_blank_header_counts_as_missing() {
    Map<String, Object> headers = headers();
    headers.put("X-Verk-Signature", "  ");
    assertThat(reasonOf(verifier(SECRET), body(), headers)).isEqualTo(Reason.MISSING_HEADER);
  }

  @Test
  void malformed_headers_are_bad_format() {
    Map<String, String> bad =
        Map.of(
            "X-Verk-Signature", "9847cffaa03ad755c5abf72a3206411c520f3ace05255a568a77ec2c9dece91e",
            "webhook-timestamp", "2024-01-15T10:30:00Z",
            "webhook-signature", "P2u5iX+NQFznZ8dx2NvwqjIYqdRIDAlLF+YGTz2qU9g=");
    bad.forEach(
        (name, value) -> {
          Map<String, Object> headers = headers();
          headers.put(name, value);
          assertThat(reasonOf(verifier(SECRET), body(), headers))
              .as(name)
              .isEqualTo(Reason.BAD_FORMAT);
        });
    Map<String, Object> notHex = headers();
    notHex.put("X-Verk-Signature", "sha256=" + "zz".repeat(32));
    assertThat(reasonOf(verifier(SECRET), body(), notHex)).isEqualTo(Reason.BAD_FORMAT);
    Map<String, Object> notBase64 = headers();
    notBase64.put("webhook-signature", "v1,@@@");
    assertThat(reasonOf(verifier(SECRET), body(), notBase64)).isEqualTo(Reason.BAD_FORMAT);
    Map<String, Object> otherVersionOnly = headers();
    otherVersionOnly.put("webhook-signature", "v1a,abcd");
    assertThat(reasonOf(verifier(SECRET), body(), otherVersionOnly)).isEqualTo(Reason.BAD_FORMAT);
  }

  @Test
  void unknown_signature_versions_next_to_v1_are_ignored() {
    Map<String, Object> headers = headers();
    headers.put("webhook-signature", "v1a,c29tZXRoaW5n " + V1);
    assertThatCode(() -> verifier(SECRET).verify(body(), headers)).doesNotThrowAnyException();
  }

  @Test
  void during_a_rotation_a_receiver_with_only_the_new_secret_matches_the_first_signatures() {
    Map<String, Object> headers = headers();
    headers.put("X-Verk-Signature-Previous", HEX_PREVIOUS);
    headers.put("webhook-signature", V1 + " " + V1_PREVIOUS);
    assertThatCode(() -> verifier(SECRET).verify(body(), headers)).doesNotThrowAnyException();
  }

  @Test
  void during_a_rotation_a_receiver_with_only_the_previous_secret_matches_the_previous_ones() {
    Map<String, Object> headers = headers();
    headers.put("X-Verk-Signature-Previous", HEX_PREVIOUS);
    headers.put("webhook-signature", V1 + " " + V1_PREVIOUS);
    assertThatCode(() -> verifier(PREVIOUS).verify(body(), headers)).doesNotThrowAnyException();
  }

  @Test
  void a_receiver_configured_with_both_secrets_accepts_signatures_of_either() {
    Map<String, Object> signedWithPrevious = headers();
    signedWithPrevious.put("X-Verk-Signature", HEX_PREVIOUS);
    signedWithPrevious.put("webhook-signature", V1_PREVIOUS);
    WebhookVerifier both = verifier(SECRET, PREVIOUS);
    assertThatCode(() -> both.verify(body(), signedWithPrevious)).doesNotThrowAnyException();
    assertThatCode(() -> both.verify(body(), headers())).doesNotThrowAnyException();
    assertThat(reasonOf(verifier(PREVIOUS), body(), headers())).isEqualTo(Reason.MISMATCH);
  }

  @Test
  void a_timestamp_exactly_at_the_tolerance_is_accepted_in_both_directions() {
    Duration five = Duration.ofMinutes(5);
    assertThatCode(() -> verifierAt(SENT_AT.plus(five), SECRET).verify(body(), headers()))
        .doesNotThrowAnyException();
    assertThatCode(() -> verifierAt(SENT_AT.minus(five), SECRET).verify(body(), headers()))
        .doesNotThrowAnyException();
  }

  @Test
  void a_timestamp_one_second_beyond_the_tolerance_is_too_old_or_too_new() {
    Duration justOver = Duration.ofMinutes(5).plusSeconds(1);
    assertThat(reasonOf(verifierAt(SENT_AT.plus(justOver), SECRET), body(), headers()))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(reasonOf(verifierAt(SENT_AT.minus(justOver), SECRET), body(), headers()))
        .isEqualTo(Reason.TIMESTAMP_TOO_NEW);
  }

  @Test
  void the_tolerance_is_configurable() {
    WebhookVerifier lenient =
        WebhookVerifier.builder()
            .secret(SECRET)
            .tolerance(Duration.ofHours(1))
            .clock(Clock.fixed(SENT_AT.plus(Duration.ofMinutes(59)), ZoneOffset.UTC))
            .build();
    assertThatCode(() -> lenient.verify(body(), headers())).doesNotThrowAnyException();
  }

  @Test
  void a_forged_signature_is_a_mismatch_and_not_a_timestamp_error() {
    Map<String, Object> headers = headers();
    headers.put("webhook-signature", V1_PREVIOUS);
    assertThat(reasonOf(verifierAt(SENT_AT.plus(Duration.ofDays(1)), SECRET), body(), headers))
        .isEqualTo(Reason.MISMATCH);
  }

  @Test
  void checking_only_the_verk_signature_needs_no_standard_webhooks_headers() {
    WebhookVerifier verkOnly =
        WebhookVerifier.builder().secret(SECRET).schemes(Scheme.VERK_SIGNATURE).build();
    assertThatCode(() -> verkOnly.verify(body(), Map.of("X-Verk-Signature", HEX)))
        .doesNotThrowAnyException();
  }

  @Test
  void checking_only_standard_webhooks_needs_no_verk_signature() {
    WebhookVerifier standardOnly =
        WebhookVerifier.builder()
            .secret(WHSEC)
            .schemes(Scheme.STANDARD_WEBHOOKS)
            .clock(Clock.fixed(SENT_AT, ZoneOffset.UTC))
            .build();
    Map<String, Object> headers = headers();
    headers.remove("X-Verk-Signature");
    assertThatCode(() -> standardOnly.verify(body(), headers)).doesNotThrowAnyException();
  }

  @Test
  void verify_and_parse_returns_the_typed_event() throws Exception {
    WebhookEvent event = verifier(SECRET).verifyAndParse(body(), headers());
    assertThat(event.is(EventType.TASK_CREATED)).isTrue();
    assertThat(event.data(TaskData.class).title()).isEqualTo("Implement login feature – café ✓");
    assertThat(event.deliveryId()).isEqualTo(ID);
  }

  @Test
  void a_verifier_needs_a_non_empty_secret() {
    assertThatThrownBy(() -> WebhookVerifier.of()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookVerifier.of("")).isInstanceOf(IllegalArgumentException.class);
  }
}
