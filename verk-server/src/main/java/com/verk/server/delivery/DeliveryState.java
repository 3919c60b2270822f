package com.verk.server.delivery;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a delivery stands; stored and shown in lower case. {@code PENDING} is waiting for its next
 * attempt (or being sent under a lease); the other three are final until a user redelivers or
 * recovers.
 */
enum DeliveryState {
  PENDING,
  SUCCEEDED,
  FAILED,
  /** Queued for a disabled webhook; "recover" sends it after re-enabling. */
  SKIPPED;

  private final String wire = name().toLowerCase(Locale.ROOT);

  /** The stored and shown name. */
  String wire() {
    return wire;
  }

  static Optional<DeliveryState> fromWire(String value) {
    return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst();
  }
}
