package com.verk.server.system;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Storage keeps epoch milliseconds; the API speaks ISO-8601 UTC. */
public final class Times {

  private Times() {}

  /** e.g. {@code 2024-01-15T10:30:00Z}, or with {@code .123} when there are milliseconds. */
  public static String iso(long epochMillis) {
    return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(epochMillis));
  }

  /** The earliest and latest time an input may name: what epoch milliseconds and people use. */
  public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  /**
   * An ISO-8601 time input ({@code 2024-01-15T10:30:00Z} or with an offset) as epoch milliseconds;
   * a missing, malformed or out-of-range value is a 400 naming {@code field}, never an overflow.
   */
  public static long epochMillis(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ApiException.invalid(field, "is required (an ISO-8601 time)");
    }
    Instant instant;
    try {
      instant = Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      try {
        instant = OffsetDateTime.parse(value.trim()).toInstant();
      } catch (DateTimeParseException again) {
        throw ApiException.invalid(field, "must be an ISO-8601 time such as 2024-01-15T10:30:00Z");
      }
    }
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw ApiException.invalid(field, "must be between " + EARLIEST + " and " + LATEST);
    }
    return instant.toEpochMilli();
  }

  /** Like {@link #iso(long)}, null for null. */
  public static String isoOrNull(Long epochMillis) {
    return epochMillis == null ? null : iso(epochMillis);
  }
}
