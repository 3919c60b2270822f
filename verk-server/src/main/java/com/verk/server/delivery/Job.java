package com.verk.server.delivery;

import java.util.Map;

/**
 * One claimed delivery with everything needed to render, sign and send it: the delivery row, its
 * webhook and its event. {@code attempts} counts attempts made before this one. {@code headers} are
 * the webhook's custom headers in the clear: sent, never recorded or logged. {@code rateLimit}
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
    Map<String, String> headers,
    Integer rateLimit,
    Long pausedUntil) {

  Job {
    headers = headers == null ? Map.of() : headers;
  }

  /** A job of a webhook without custom headers, rate limit or pause. */
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
        Map.of(),
        null,
        null);
  }

  /** Never prints the secrets or the custom headers' values. */
  @Override
  public String toString() {
    return "Job[" + deliveryId + " of " + webhookId + ", attempt " + (attempts + 1) + "]";
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
