package com.verk.server.system;

/**
 * Text that both databases can store as given. PostgreSQL refuses the NUL character in text, and
 * neither database can keep an unpaired UTF-16 surrogate as valid UTF-8; rather than change such
 * input silently, it is refused with a 400 naming the field. Request bodies, query strings and form
 * fields are checked centrally ({@link StorableTextBodyAdvice}, {@link StorableTextFilter}).
 */
public final class StorableText {

  private StorableText() {}

  /** What is wrong with {@code value} for storage, or null when nothing is. */
  public static String problem(String value) {
    if (value == null) {
      return null;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\0') {
        return "must not contain the NUL character (U+0000)";
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          continue;
        }
        return "must not contain an unpaired surrogate character";
      }
      if (Character.isLowSurrogate(c)) {
        return "must not contain an unpaired surrogate character";
      }
    }
    return null;
  }

  /** Refuses {@code value} with a 400 naming {@code field} unless it can be stored as given. */
  public static void require(String field, String value) {
    String problem = problem(value);
    if (problem != null) {
      throw ApiException.invalid(field, problem);
    }
  }
}
