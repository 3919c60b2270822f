package com.verk.server.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Receiver-side signature checks, written independently of the server's Signer. */
final class Hmac {

  private Hmac() {}

  /** The spec's snippet: 'sha256=' + hex(HMAC-SHA256(secret, payload)). */
  static String spec(String secret, String payload) {
    return "sha256="
        + HexFormat.of().formatHex(mac(secret.getBytes(StandardCharsets.UTF_8), payload));
  }

  /** Standard Webhooks, keyed the way its libraries are: whsec_ + base64(secret bytes). */
  static String standard(String whsecSecret, String id, String timestamp, String body) {
    byte[] key = Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
    return "v1," + Base64.getEncoder().encodeToString(mac(key, id + "." + timestamp + "." + body));
  }

  static String whsec(String secret) {
    return "whsec_" + Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] mac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
