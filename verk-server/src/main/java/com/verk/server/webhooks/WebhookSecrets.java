package com.verk.server.webhooks;

import java.security.SecureRandom;
import java.util.Base64;

/** Generated signing secrets: 32 random bytes as 43 printable base64url characters. */
final class WebhookSecrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSecrets() {}

  static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
