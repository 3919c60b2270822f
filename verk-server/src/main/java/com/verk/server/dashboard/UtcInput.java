package com.verk.server.dashboard;

import com.verk.server.system.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time a person types into the dashboard, always in UTC: {@code 2024-01-15}, {@code 2024-01-15
 * 10:30} or {@code 2024-01-15 10:30:45}, with {@code T} instead of the space and an optional
 * trailing {@code Z} or {@code UTC}. What is typed stands for a span: a day, a minute or a second,
 * so that "to 10:30" includes 10:30:59.
 *
 * @param start the first instant the text names
 * @param end the first instant after it
 */
record UtcInput(Instant start, Instant end) {

  /** The format hint shown beside every such field. */
  static final String FORMAT = "YYYY-MM-DD HH:MM";

  private static final Pattern TEXT =
      Pattern.compile(
          "(\\d{4}-\\d{2}-\\d{2})(?:[ T](\\d{2}:\\d{2})(:\\d{2})?)?\\s*(?:Z|UTC)?",
          Pattern.CASE_INSENSITIVE);

  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  /** The span the text names, or empty when it is not one of the accepted forms. */
  static Optional<UtcInput> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = TEXT.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      LocalDate day = LocalDate.parse(m.group(1));
      UtcInput input;
      if (m.group(2) == null) {
        Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        input = new UtcInput(start, day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
      } else {
        String time = m.group(2) + (m.group(3) == null ? ":00" : m.group(3));
        Instant start = LocalDateTime.parse(m.group(1) + "T" + time).toInstant(ZoneOffset.UTC);
        input = new UtcInput(start, start.plusSeconds(m.group(3) == null ? 60 : 1));
      }
      if (input.start().isBefore(Times.EARLIEST) || input.start().isAfter(Times.LATEST)) {
        return Optional.empty();
      }
      return Optional.of(input);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** How a field shows an instant: {@code 2024-01-15 10:30}. */
  static String show(Long epochMillis) {
    return epochMillis == null ? "" : SHOWN.format(Instant.ofEpochMilli(epochMillis));
  }
}
