package com.verk.server.delivery;

/**
 * One claimed delivery with everything needed to render, sign and send it: the delivery row, its
 * webhook and its event. {@code attempts} counts attempts made before this one. {@code rateLimit}
 * (attempts per second) and {@code pausedUntil} (the receiver's back-pressure) are the webhook's
 * controls, null when it has none.
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
    boolean webhookActive,
    Integer rateLimit,
    Long pausedUntil) {

  /** A job of a webhook without rate limit or pause. */
  Job(
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
    this(
        deliveryId,
        webhookId,
        orgId,
        orgName,
        eventId,
        eventType,
        eventData,
        occurredAt,
        test,
        attempts,
        retryBase,
        firstAttemptAt,
        url,
        secret,
        previousSecret,
        previousSecretExpiresAt,
        webhookActive,
        null,
        null);
  }

  /** Whether the receiver asked to wait past {@code now}; tests are never held back by it. */
  boolean pausedAt(long now) {
    return !test && pausedUntil != null && pausedUntil > now;
  }

  /** Whether this job needs a token of its webhook's rate limit; tests never do. */
  boolean rateLimited() {
    return !test && rateLimit != null;
  }

  /** The previous secret while its rotation overlap lasts, else null. */
  String previousSecretAt(long now) {
    return previousSecret != null
            && previousSecretExpiresAt != null
            && previousSecretExpiresAt > now
        ? previousSecret
        : null;
  }
}
