package com.verk.server.delivery;

import java.time.Duration;
import java.util.OptionalLong;
import org.eclipse.jetty.http.HttpDateTime;

/**
 * Back-pressure from a receiver: a {@code 429} or {@code 503} answer with {@code Retry-After}
 * pauses the whole webhook (docs/delivery.md). The value is either delta-seconds ({@code 120}) or
 * an HTTP-date ({@code Wed, 21 Oct 2026 07:28:00 GMT}, also the obsolete RFC 850 and asctime forms,
 * parsed by Jetty's {@link HttpDateTime}); anything else is ignored (the normal retry schedule
 * applies). The pause is clamped to {@link #MIN} .. {@link #MAX}, so that a hostile receiver can
 * neither ask for a tight loop ({@code 0}, a date in the past) nor pin the webhook for long ({@code
 * 99999999999}, a date in ten years).
 */
final class RetryAfter {

  static final Duration MIN = Duration.ofSeconds(1);
  static final Duration MAX = Duration.ofHours(1);

  /** How much of the header is kept for the delivery log. */
  static final int MAX_SHOWN = 64;

  private RetryAfter() {}

  /** Whether a response with this status may carry back-pressure. */
  static boolean applies(int status) {
    return status == 429 || status == 503;
  }

  /** The header as the delivery log shows it: control characters dropped, cut, null if empty. */
  static String shown(String raw) {
    if (raw == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < raw.length() && out.length() < MAX_SHOWN; i++) {
      char c = raw.charAt(i);
      if (!Character.isISOControl(c)) {
        out.append(c);
      }
    }
    String shown = out.toString().strip();
    return shown.isEmpty() ? null : shown;
  }

  /**
   * How long the receiver asked to wait, clamped to {@link #MIN} .. {@link #MAX}, or empty when the
   * value is neither delta-seconds nor an HTTP-date.
   *
   * @param now the time the answer arrived (an HTTP-date is relative to it)
   */
  static OptionalLong delayMillis(String value, long now) {
    if (value == null) {
      return OptionalLong.empty();
    }
    String v = value.strip();
    if (v.isEmpty()) {
      return OptionalLong.empty();
    }
    if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // More digits than an hour has seconds can only be clamped: never parsed into an overflow.
      long seconds = v.length() > 9 ? Long.MAX_VALUE / 1000 : Long.parseLong(v);
      return OptionalLong.of(clamp(seconds * 1000));
    }
    long at;
    try {
      at = HttpDateTime.parseToEpoch(v);
    } catch (RuntimeException e) {
      return OptionalLong.empty();
    }
    if (at < 0) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(clamp(at - now));
  }

  /**
   * When the webhook's pause ends after this attempt, or empty when the outcome asks for none.
   * Relative to the end of the answer (start + response time).
   */
  static OptionalLong pauseEnd(Outcome outcome, long attemptedAt) {
    if (!(outcome instanceof Outcome.Failed failed)
        || !applies(failed.code())
        || failed.retryAfter() == null) {
      return OptionalLong.empty();
    }
    long answeredAt = attemptedAt + Math.max(0, failed.responseTimeMs());
    OptionalLong delay = delayMillis(failed.retryAfter(), answeredAt);
    return delay.isPresent() ? OptionalLong.of(answeredAt + delay.getAsLong()) : delay;
  }

  private static long clamp(long millis) {
    return Math.max(MIN.toMillis(), Math.min(MAX.toMillis(), millis));
  }
}
