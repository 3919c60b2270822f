package com.verk.sdk;

import java.time.Instant;

/**
 * A webhook together with its signing secret, returned once: on creation and on secret rotation.
 * Store the secret where your receiver can read it; it is not shown again.
 *
 * @param webhook the webhook
 * @param secret the (new) signing secret
 * @param previousSecretExpiresAt after a rotation: until when the previous secret still signs
 *     deliveries too; {@code null} on creation
 */
public record WebhookWithSecret(Webhook webhook, String secret, Instant previousSecretExpiresAt) {

  /**
   * Hides the secret, so that logging this value does not leak it.
   *
   * @return a description without the secret
   */
  @Override
  public String toString() {
    return "WebhookWithSecret[webhook="
        + webhook
        + ", secret=***, previousSecretExpiresAt="
        + previousSecretExpiresAt
        + "]";
  }
}
