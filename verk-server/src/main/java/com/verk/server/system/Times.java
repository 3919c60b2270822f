package com.verk.server.system;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** Storage keeps epoch milliseconds; the API speaks ISO-8601 UTC. */
public final class Times {

  private Times() {}

  /** e.g. {@code 2024-01-15T10:30:00Z}, or with {@code .123} when there are milliseconds. */
  public static String iso(long epochMillis) {
    return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(epochMillis));
  }

  /** Like {@link #iso(long)}, null for null. */
  public static String isoOrNull(Long epochMillis) {
    return epochMillis == null ? null : iso(epochMillis);
  }
}
