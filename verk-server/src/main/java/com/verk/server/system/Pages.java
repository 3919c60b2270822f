package com.verk.server.system;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Keyset pagination in creation order: the cursor is the (created_at, id) of the last item
 * returned, so pages stay stable while items are added or removed.
 */
public final class Pages {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  private Pages() {}

  /** Where a page starts: after {@code createdAt}/{@code id}, or from the beginning. */
  public record Cursor(long createdAt, String id) {

    public static final Cursor START = new Cursor(Long.MIN_VALUE, "");

    public String encode() {
      String raw = createdAt + ":" + id;
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String cursor) {
      if (cursor == null || cursor.isBlank()) {
        return START;
      }
      try {
        String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        int colon = raw.indexOf(':');
        return new Cursor(Long.parseLong(raw.substring(0, colon)), raw.substring(colon + 1));
      } catch (RuntimeException e) {
        throw ApiException.invalid("cursor", "is not a cursor this API returned");
      }
    }
  }

  public static int limit(Integer limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
    }
    return limit;
  }

  /**
   * The list response for rows fetched with {@code limit + 1}: the extra row only tells that
   * another page exists.
   */
  public static <T> Map<String, Object> page(
      List<T> rows, int limit, Function<T, Cursor> cursorOf, Function<T, ?> view) {
    boolean more = rows.size() > limit;
    List<T> shown = more ? rows.subList(0, limit) : rows;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("data", shown.stream().map(view).toList());
    out.put("nextCursor", more ? cursorOf.apply(shown.get(shown.size() - 1)).encode() : null);
    return out;
  }
}
