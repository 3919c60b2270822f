package com.verk.sdk;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed, lenient reads from a parsed JSON object; wrong types fail naming the field. */
final class Fields {

  private final Map<String, Object> map;
  private final String path;

  Fields(Map<String, Object> map, String path) {
    this.map = map;
    this.path = path;
  }

  @SuppressWarnings("unchecked")
  static Fields of(Object value, String path) {
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException(path + " must be a JSON object");
    }
    return new Fields((Map<String, Object>) value, path);
  }

  Map<String, Object> map() {
    return map;
  }

  String string(String name) {
    Object value = map.get(name);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    throw wrong(name, "a string");
  }

  String requiredString(String name) {
    String value = string(name);
    if (value == null) {
      throw new IllegalArgumentException(path + "." + name + " is missing");
    }
    return value;
  }

  Long longValue(String name) {
    Object value = map.get(name);
    if (value == null) {
      return null;
    }
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof BigDecimal || value instanceof BigInteger) {
      try {
        return new BigDecimal(value.toString()).longValueExact();
      } catch (ArithmeticException e) {
        throw wrong(name, "a whole number");
      }
    }
    throw wrong(name, "a number");
  }

  Integer intValue(String name) {
    Long value = longValue(name);
    if (value == null) {
      return null;
    }
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw wrong(name, "a 32-bit number");
    }
    return value.intValue();
  }

  Boolean bool(String name) {
    Object value = map.get(name);
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    throw wrong(name, "true or false");
  }

  Instant instant(String name) {
    String value = string(name);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException again) {
        throw wrong(name, "an ISO-8601 timestamp");
      }
    }
  }

  LocalDate date(String name) {
    String value = string(name);
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
    } catch (DateTimeParseException e) {
      throw wrong(name, "a date (yyyy-MM-dd)");
    }
  }

  List<String> strings(String name) {
    Object value = map.get(name);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw wrong(name, "an array");
    }
    List<String> out = new ArrayList<>();
    for (Object item : list) {
      out.add(item == null ? null : item.toString());
    }
    return Collections.unmodifiableList(out);
  }

  List<Fields> objects(String name) {
    Object value = map.get(name);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw wrong(name, "an array");
    }
    List<Fields> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(Fields.of(list.get(i), path + "." + name + "[" + i + "]"));
    }
    return out;
  }

  Fields object(String name) {
    Object value = map.get(name);
    return value == null ? null : Fields.of(value, path + "." + name);
  }

  /** An object of strings under {@code name}, in order, unmodifiable; empty when absent. */
  Map<String, String> stringMap(String name) {
    Map<String, String> out = new LinkedHashMap<>();
    rawObject(name)
        .forEach(
            (k, v) -> {
              if (v != null && !(v instanceof String)) {
                throw wrong(name + "." + k, "a string");
              }
              out.put(k, (String) v);
            });
    return Collections.unmodifiableMap(out);
  }

  /** The object under {@code name} as an unmodifiable map (deeply), empty when absent. */
  Map<String, Object> rawObject(String name) {
    Object value = map.get(name);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map)) {
      throw wrong(name, "a JSON object");
    }
    return unmodifiable(of(value, path).map);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> unmodifiable(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(k, unmodifiableValue(v)));
    return Collections.unmodifiableMap(copy);
  }

  @SuppressWarnings("unchecked")
  private static Object unmodifiableValue(Object value) {
    if (value instanceof Map<?, ?> m) {
      return unmodifiable((Map<String, Object>) m);
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>();
      l.forEach(v -> copy.add(unmodifiableValue(v)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }

  private IllegalArgumentException wrong(String name, String expected) {
    return new IllegalArgumentException(path + "." + name + " must be " + expected);
  }
}
