package com.verk.sdk;

import java.time.Instant;

/**
 * One delivery of an event to a webhook, as listed in the delivery log.
 *
 * @param id the delivery id, {@code delivery_…} (the {@code deliveryId} in the payload)
 * @param event the event name
 * @param timestamp when the event happened
 * @param status {@code pending}, {@code succeeded}, {@code failed} or {@code skipped}
 * @param attempts how many attempts were made
 * @param responseStatus the HTTP status of the last attempt, or {@code null}
 * @param responseTimeMs the duration of the last attempt in milliseconds, or {@code null}
 * @param nextAttemptAt when the next retry is due, or {@code null}
 * @param test whether this was a test delivery
 */
public record Delivery(
    String id,
    String event,
    Instant timestamp,
    String status,
    int attempts,
    Integer responseStatus,
    Long responseTimeMs,
    Instant nextAttemptAt,
    boolean test) {

  static Delivery from(Fields f) {
    Integer attempts = f.intValue("attempts");
    return new Delivery(
        f.string("id"),
        f.string("event"),
        f.instant("timestamp"),
        f.string("status"),
        attempts == null ? 0 : attempts,
        f.intValue("responseStatus"),
        f.longValue("responseTimeMs"),
        f.instant("nextAttemptAt"),
        Boolean.TRUE.equals(f.bool("test")));
  }
}
