package com.verk.sdk;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The HMAC keys a list of configured secrets stands for. */
final class SigningKeys {

  private static final String WHSEC_PREFIX = "whsec_";

  private final List<byte[]> keys;

  private SigningKeys(List<byte[]> keys) {
    this.keys = keys;
  }

  static SigningKeys of(List<String> secrets) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one webhook secret is required");
    }
    List<byte[]> keys = new ArrayList<>();
    for (String secret : secrets) {
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("a webhook secret must not be null or empty");
      }
      if (secret.startsWith(WHSEC_PREFIX)) {
        try {
          byte[] decoded = Base64.getDecoder().decode(secret.substring(WHSEC_PREFIX.length()));
          if (decoded.length > 0) {
            keys.add(decoded);
          }
        } catch (IllegalArgumentException notBase64) {
          // Not a Standard Webhooks secret after all; the literal text below is the key.
        }
      }
      // Verk signs with the secret's UTF-8 bytes; a secret that merely looks like whsec_ must work.
      keys.add(secret.getBytes(UTF_8));
    }
    return new SigningKeys(List.copyOf(keys));
  }

  List<byte[]> keys() {
    return keys;
  }

  static byte[] hmacSha256(byte[] key, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
  }
}
