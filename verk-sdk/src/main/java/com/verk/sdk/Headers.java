package com.verk.sdk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Case-insensitive, blank-skipping header lookup over the shapes frameworks hand us. */
@FunctionalInterface
interface Headers {

  /** All non-blank values of the header, trimmed, in order; empty when absent. */
  List<String> values(String name);

  /** The first non-blank value, or {@code null}. */
  default String first(String name) {
    List<String> values = values(name);
    return values.isEmpty() ? null : values.get(0);
  }

  static Headers of(Map<String, ?> map) {
    if (map == null) {
      throw new IllegalArgumentException("headers must not be null");
    }
    return name -> {
      List<String> values = new ArrayList<>();
      for (Map.Entry<String, ?> e : map.entrySet()) {
        if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
          addValues(e.getValue(), values);
        }
      }
      return values;
    };
  }

  static Headers of(Function<String, String> lookup) {
    if (lookup == null) {
      throw new IllegalArgumentException("header lookup must not be null");
    }
    return name -> {
      List<String> values = new ArrayList<>();
      addValues(lookup.apply(name), values);
      String lower = name.toLowerCase(Locale.ROOT);
      if (values.isEmpty() && !lower.equals(name)) {
        addValues(lookup.apply(lower), values);
      }
      return values;
    };
  }

  private static void addValues(Object value, List<String> into) {
    if (value instanceof Collection<?> many) {
      many.forEach(v -> addValues(v, into));
    } else if (value instanceof Object[] many) {
      for (Object v : many) {
        addValues(v, into);
      }
    } else if (value != null && !value.toString().isBlank()) {
      into.add(value.toString().trim());
    }
  }
}
