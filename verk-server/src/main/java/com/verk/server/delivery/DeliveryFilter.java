package com.verk.server.delivery;

import java.time.Instant;

/**
 * What the delivery log is filtered by; a null field filters nothing. {@code since} is inclusive
 * and {@code until} exclusive (the delivery's creation time); {@code objectId} is the id of the
 * object the event is about ({@code data.id}, or {@code data.webhookId} for {@code webhook.*}
 * events).
 */
public record DeliveryFilter(
    String status, String event, Instant since, Instant until, String deliveryId, String objectId) {

  public static final DeliveryFilter NONE = new DeliveryFilter(null, null, null, null, null, null);

  /** Whether any field filters. */
  public boolean any() {
    return status != null
        || event != null
        || since != null
        || until != null
        || deliveryId != null
        || objectId != null;
  }
}
