package com.verk.sdk;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;

/** Writes JSON for request bodies; the counterpart of {@link Json}. */
final class JsonWriter {

  private JsonWriter() {}

  /**
   * Writes maps, iterables, arrays of objects (null elements included), strings, numbers, booleans,
   * null and anything else through {@code toString()} as a string (e.g. {@link java.time.Instant}).
   * Refuses NaN and infinities, null member names and strings with a lone surrogate.
   */
  static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb);
    return sb.toString();
  }

  private static void write(Object value, StringBuilder sb) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof Map<?, ?> map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        if (e.getKey() == null) {
          throw new IllegalArgumentException("JSON member names must not be null");
        }
        writeString(e.getKey().toString(), sb);
        sb.append(':');
        write(e.getValue(), sb);
      }
      sb.append('}');
    } else if (value instanceof Iterable<?> items) {
      sb.append('[');
      boolean first = true;
      for (Object item : items) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        write(item, sb);
      }
      sb.append(']');
    } else if (value instanceof Object[] array) {
      write(Arrays.asList(array), sb); // List.of would refuse a null element
    } else if (value instanceof Boolean) {
      sb.append(value);
    } else if (value instanceof Number number) {
      writeNumber(number, sb);
    } else {
      writeString(value.toString(), sb);
    }
  }

  private static void writeNumber(Number number, StringBuilder sb) {
    if (number instanceof Double d && (d.isNaN() || d.isInfinite())
        || number instanceof Float f && (f.isNaN() || f.isInfinite())) {
      throw new IllegalArgumentException("JSON has no representation for " + number);
    }
    sb.append(number instanceof BigDecimal bd ? bd.toPlainString() : number.toString());
  }

  private static void writeString(String s, StringBuilder sb) {
    if (s.codePoints()
        .anyMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
      // What Json refuses to read: RFC 8259 section 8.2 leaves such strings unpredictable.
      throw new IllegalArgumentException("JSON strings must not hold a lone surrogate");
    }
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
