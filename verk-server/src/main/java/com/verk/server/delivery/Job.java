package com.verk.server.delivery;

/**
 * One claimed delivery with everything needed to render, sign and send it: the delivery row, its
 * webhook and its event. {@code attempts} counts attempts made before this one.
 */
record Job(
    String deliveryId,
    String webhookId,
    String orgId,
    String orgName,
    String eventId,
    String eventType,
    String eventData,
    long occurredAt,
    boolean test,
    int attempts,
    int retryBase,
    Long firstAttemptAt,
    String url,
    String secret,
    String previousSecret,
    Long previousSecretExpiresAt,
    boolean webhookActive) {

  /** The previous secret while its rotation overlap lasts, else null. */
  String previousSecretAt(long now) {
    return previousSecret != null
            && previousSecretExpiresAt != null
            && previousSecretExpiresAt > now
        ? previousSecret
        : null;
  }
}
