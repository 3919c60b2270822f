package com.verk.server.events;

import java.util.List;

/**
 * Where the outbox writer queues one delivery per subscribed webhook. The delivery engine owns the
 * {@code deliveries} table and implements this; it runs inside the publishing transaction.
 */
@FunctionalInterface
public interface DeliveryQueue {

  /**
   * A webhook subscribed to the event: active ones get a pending delivery, others a skipped one.
   */
  record Subscriber(String webhookId, boolean active) {}

  void enqueue(
      String organizationId,
      String eventId,
      String eventType,
      List<Subscriber> subscribers,
      long now);
}
