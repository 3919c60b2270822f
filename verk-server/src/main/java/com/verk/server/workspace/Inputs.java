package com.verk.server.workspace;

import com.verk.server.system.ApiException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Validation of workspace input: every refusal is a 400 naming the field. */
final class Inputs {

  static final int MAX_NAME = 200;
  static final int MAX_TEXT = 10_000;

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private Inputs() {}

  /** A required, non-blank, trimmed string of at most {@code max} characters. */
  static String required(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      throw ApiException.invalid(field, "is required");
    }
    return limited(field, value.trim(), max);
  }

  /** An optional string: null stays null, blank becomes null, otherwise trimmed and limited. */
  static String optional(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return limited(field, value.trim(), max);
  }

  private static String limited(String field, String value, int max) {
    if (value.length() > max) {
      throw ApiException.invalid(field, "must be at most " + max + " characters");
    }
    return value;
  }

  /** {@code value} if it is one of {@code allowed}, else a 400 listing them. */
  static String oneOf(String field, String value, List<String> allowed) {
    if (value == null || !allowed.contains(value)) {
      throw ApiException.invalid(field, "must be one of " + String.join(", ", allowed));
    }
    return value;
  }

  /** A lower-cased e-mail address of a plausible shape. */
  static String email(String value) {
    String email = required("email", value, 254).toLowerCase(java.util.Locale.ROOT);
    if (!EMAIL.matcher(email).matches()) {
      throw ApiException.invalid("email", "must be an e-mail address");
    }
    return email;
  }

  /** A calendar date as {@code yyyy-MM-dd}, or null. */
  static String date(String field, String value) {
    if (value == null) {
      return null;
    }
    LocalDate date;
    try {
      date = LocalDate.parse(value.trim(), DATE);
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(field, "must be a date as yyyy-MM-dd");
    }
    if (date.getYear() < 1 || date.getYear() > 9999) {
      throw ApiException.invalid(field, "must be a date between 0001-01-01 and 9999-12-31");
    }
    return date.toString();
  }

  /**
   * A PATCH body: which fields were sent, and their values, where an explicit JSON null clears an
   * optional field while an absent field leaves it alone.
   */
  record Patch(JsonNode body) {

    static Patch of(JsonNode body, Set<String> allowed) {
      if (body == null || !body.isObject()) {
        throw ApiException.invalid("body", "must be a JSON object");
      }
      for (String name : body.propertyNames()) {
        if (!allowed.contains(name)) {
          throw ApiException.invalid(name, "is not a known field");
        }
      }
      return new Patch(body);
    }

    boolean has(String field) {
      return body.has(field);
    }

    /** The sent string, or null when the field was sent as null. */
    String text(String field) {
      JsonNode value = body.get(field);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.isString()) {
        throw ApiException.invalid(field, "must be a string");
      }
      return value.stringValue();
    }

    /** The sent string; null is refused because the field cannot be cleared. */
    String nonNull(String field) {
      String value = text(field);
      if (value == null) {
        throw ApiException.invalid(field, "cannot be null");
      }
      return value;
    }
  }
}
