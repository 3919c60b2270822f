package com.verk.server.events;

/**
 * Told after a transaction that queued deliveries has committed, so that the dispatcher starts at
 * once instead of at its next poll. Implementations must return quickly and never throw.
 */
@FunctionalInterface
public interface DeliveryWakeup {

  void wake();
}
