package com.verk.sdk;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs a payload exactly as Verk signs a delivery, so a receiver's tests can send it requests that
 * {@link WebhookVerifier} (or any other Verk verifier) accepts, without writing HMAC code.
 *
 * <pre>{@code
 * byte[] body = ...;                                   // a Verk envelope, e.g. a sample payload
 * Map<String, String> headers = WebhookSigner.of("your_webhook_secret_12345")
 *     .headers(body, Instant.now());
 * // POST body with these headers to your endpoint under test
 * }</pre>
 *
 * <p>The headers are the ones Verk sends, in its order and format: {@code Content-Type}, {@code
 * X-Verk-Event}, {@code X-Verk-Delivery}, {@code X-Verk-Signature} ({@code sha256=} + hex
 * HMAC-SHA256 of the body), {@code X-Verk-Signature-Previous} during a rotation, and the Standard
 * Webhooks {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature} ({@code v1,}
 * + base64 HMAC-SHA256 of {@code <id>.<timestamp>.<body>}, one entry per secret). Only Verk's
 * {@code User-Agent} ({@code Verk-Webhooks/<server version>}) is left out. The key is the secret's
 * UTF-8 bytes, as Verk uses it. Instances are immutable and thread-safe.
 */
public final class WebhookSigner {

  private final byte[] key;
  private final byte[] previousKey;

  private WebhookSigner(String secret, String previousSecret) {
    this.key = keyOf(secret, "secret");
    this.previousKey = previousSecret == null ? null : keyOf(previousSecret, "previousSecret");
  }

  /**
   * A signer for one secret, as a webhook has outside a rotation.
   *
   * @param secret the webhook's secret as Verk shows it (e.g. {@code your_webhook_secret_12345})
   * @return the signer
   * @throws IllegalArgumentException if the secret is null or empty
   */
  public static WebhookSigner of(String secret) {
    return new WebhookSigner(secret, null);
  }

  /**
   * A signer for a rotation overlap: Verk then signs with the new and the previous secret.
   *
   * @param secret the current (new) secret
   * @param previousSecret the secret before the rotation
   * @return the signer
   * @throws IllegalArgumentException if either secret is null or empty
   */
  public static WebhookSigner of(String secret, String previousSecret) {
    if (previousSecret == null) {
      throw new IllegalArgumentException("previousSecret must not be null");
    }
    return new WebhookSigner(secret, previousSecret);
  }

  /**
   * The headers Verk sends with a Verk event envelope; the event type and the delivery id (also the
   * {@code webhook-id}) are read from the body's {@code event} and {@code deliveryId}.
   *
   * @param body the payload, UTF-8 JSON, exactly the bytes that will be sent
   * @param time when the delivery is sent; {@code webhook-timestamp} is its epoch second
   * @return the headers in Verk's order, unmodifiable
   * @throws IllegalArgumentException if the body is not a Verk event envelope
   */
  public Map<String, String> headers(byte[] body, Instant time) {
    WebhookEvent event = WebhookEvents.parse(body);
    return headers(event.deliveryId(), event.event(), body, time);
  }

  /**
   * The headers for a payload given as a string, sent as its UTF-8 bytes.
   *
   * @param body the payload, a Verk event envelope
   * @param time when the delivery is sent
   * @return the headers in Verk's order, unmodifiable
   * @throws IllegalArgumentException if the body is not a Verk event envelope
   */
  public Map<String, String> headers(String body, Instant time) {
    if (body == null) {
      throw new IllegalArgumentException("body must not be null");
    }
    return headers(body.getBytes(UTF_8), time);
  }

  /**
   * The headers for any body, with the delivery id and event type given (for bodies that are not
   * envelopes, e.g. to test how a receiver treats them).
   *
   * @param deliveryId the {@code X-Verk-Delivery} and {@code webhook-id}
   * @param eventType the {@code X-Verk-Event}, e.g. {@code task.created}
   * @param body exactly the bytes that will be sent
   * @param time when the delivery is sent
   * @return the headers in Verk's order, unmodifiable
   */
  public Map<String, String> headers(
      String deliveryId, String eventType, byte[] body, Instant time) {
    require(deliveryId, "deliveryId");
    require(eventType, "eventType");
    if (body == null || time == null) {
      throw new IllegalArgumentException("body and time must not be null");
    }
    String timestamp = Long.toString(time.getEpochSecond());
    byte[] dot = {'.'};
    byte[] id = deliveryId.getBytes(UTF_8);
    byte[] stamp = timestamp.getBytes(UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("X-Verk-Event", eventType);
    headers.put("X-Verk-Delivery", deliveryId);
    headers.put(SignatureChecks.VERK_SIGNATURE, "sha256=" + hex(key, body));
    if (previousKey != null) {
      headers.put(SignatureChecks.VERK_SIGNATURE_PREVIOUS, "sha256=" + hex(previousKey, body));
    }
    String standard = "v1," + base64(SigningKeys.hmacSha256(key, id, dot, stamp, dot, body));
    if (previousKey != null) {
      standard += " v1," + base64(SigningKeys.hmacSha256(previousKey, id, dot, stamp, dot, body));
    }
    headers.put(SignatureChecks.WEBHOOK_ID, deliveryId);
    headers.put(SignatureChecks.WEBHOOK_TIMESTAMP, timestamp);
    headers.put(SignatureChecks.WEBHOOK_SIGNATURE, standard);
    return Collections.unmodifiableMap(headers);
  }

  private static String hex(byte[] key, byte[] body) {
    return HexFormat.of().formatHex(SigningKeys.hmacSha256(key, body));
  }

  private static String base64(byte[] mac) {
    return Base64.getEncoder().encodeToString(mac);
  }

  private static byte[] keyOf(String secret, String name) {
    require(secret, name);
    return secret.getBytes(UTF_8);
  }

  private static void require(String value, String name) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be null or empty");
    }
  }
}
