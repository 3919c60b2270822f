package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing a receiver's Retry-After: both forms, clamped to 1 s .. 1 h, garbage ignored. */
class RetryAfterTest {

  private static final long NOW = Instant.parse("2026-01-15T10:30:00Z").toEpochMilli();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2|2000",
        " 120 |120000",
        "0|1000",
        "3600|3600000",
        "3601|3600000",
        "99999999999999999999999999|3600000",
        "Thu, 15 Jan 2026 10:30:30 GMT|30000",
        "Thursday, 15-Jan-26 10:31:00 GMT|60000",
        "Thu Jan 15 10:30:05 2026|5000",
        "Thu, 15 Jan 2026 10:29:00 GMT|1000",
        "Fri, 15 Jan 2036 10:30:00 GMT|3600000"
      })
  void a_value_in_either_form_is_a_delay_within_the_bounds(String value, long millis) {
    assertThat(RetryAfter.delayMillis(value, NOW)).isEqualTo(OptionalLong.of(millis));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "  ", "soon", "-5", "1.5", "2s", "0x10", "Thu, 99 Jan 2026 10:30:30 GMT"})
  void anything_else_is_ignored(String value) {
    assertThat(RetryAfter.delayMillis(value, NOW)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"429,true", "503,true", "500,false", "200,false"})
  void only_429_and_503_pause(int status, boolean pauses) {
    Outcome outcome =
        status == 200 ? new Outcome.Delivered(200, "", 3) : new Outcome.Failed(status, "", 3, "10");
    assertThat(RetryAfter.pauseEnd(outcome, NOW).isPresent()).isEqualTo(pauses);
    if (pauses) {
      assertThat(RetryAfter.pauseEnd(outcome, NOW).getAsLong()).isEqualTo(NOW + 3 + 10_000);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"'  10 '|10", "'a\u0000b\r\nc'|abc", "'   '|"})
  void the_shown_value_drops_control_characters(String raw, String shown) {
    assertThat(RetryAfter.shown(raw)).isEqualTo(shown);
    assertThat(RetryAfter.shown("x".repeat(500))).hasSize(RetryAfter.MAX_SHOWN);
  }
}
