package com.verk.server.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The headers of one attempt. Two schemes carry the same key (the secret's UTF-8 bytes): the spec's
 * {@code X-Verk-Signature} over the raw body, and Standard Webhooks over {@code id.timestamp.body}
 * for replay protection. During a rotation overlap both schemes also carry a signature made with
 * the previous secret.
 */
final class Signer {

  static final String SIGNATURE = "X-Verk-Signature";
  static final String SIGNATURE_PREVIOUS = "X-Verk-Signature-Previous";

  private final String userAgent;

  Signer(String userAgent) {
    this.userAgent = userAgent;
  }

  String userAgent() {
    return userAgent;
  }

  /** Ordered headers for {@code body}, signed at {@code epochSeconds}. */
  Map<String, String> headers(
      Job job, byte[] body, long epochSeconds, String secret, String previousSecret) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("User-Agent", userAgent);
    headers.put("X-Verk-Event", job.eventType());
    headers.put("X-Verk-Delivery", job.deliveryId());
    headers.put(SIGNATURE, "sha256=" + hex(secret, body));
    if (previousSecret != null) {
      headers.put(SIGNATURE_PREVIOUS, "sha256=" + hex(previousSecret, body));
    }
    String timestamp = Long.toString(epochSeconds);
    byte[] signed = standardPayload(job.deliveryId(), timestamp, body);
    String standard = "v1," + base64(secret, signed);
    if (previousSecret != null) {
      standard += " v1," + base64(previousSecret, signed);
    }
    headers.put("webhook-id", job.deliveryId());
    headers.put("webhook-timestamp", timestamp);
    headers.put("webhook-signature", standard);
    return headers;
  }

  /** Lowercase hex HMAC-SHA256 of {@code body}, as the spec's snippets compute it. */
  static String hex(String secret, byte[] body) {
    return HexFormat.of().formatHex(hmac(secret, body));
  }

  static String base64(String secret, byte[] payload) {
    return Base64.getEncoder().encodeToString(hmac(secret, payload));
  }

  static byte[] standardPayload(String id, String timestamp, byte[] body) {
    byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(body, 0, out, prefix.length, body.length);
    return out;
  }

  // Mac.getInstance searches the security providers on every call; one Mac per thread, re-keyed
  // per signature, avoids that on the hot path.
  private static final ThreadLocal<Mac> MAC =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance("HmacSHA256");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
          });

  private static byte[] hmac(String secret, byte[] message) {
    Mac mac = MAC.get();
    try {
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 accepts any key", e);
    }
    return mac.doFinal(message);
  }
}
