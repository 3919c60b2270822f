package com.verk.server.system;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Keyset pagination, the one helper every list uses: the cursor is the (created_at, id) of the last
 * item returned, opaque to clients (base64url), so pages stay stable while items are added or
 * removed. A list reads {@code limit + 1} rows after the cursor in its own order (oldest first, or
 * newest first for the delivery log); the extra row only tells that another page exists.
 */
public final class Pages {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;
  static final String LIMIT_MESSAGE = "must be between 1 and " + MAX_LIMIT;
  static final String CURSOR_MESSAGE = "is not a cursor this API returned";

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

    /** {@link #START} for none; 400 naming {@code cursor} when it is not one of ours. */
    public static Cursor decode(String cursor) {
      if (cursor == null || cursor.isBlank()) {
        return START;
      }
      try {
        String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        int colon = raw.indexOf(':');
        if (colon <= 0 || colon == raw.length() - 1) {
          throw new IllegalArgumentException("no separator");
        }
        return new Cursor(Long.parseLong(raw.substring(0, colon)), raw.substring(colon + 1));
      } catch (RuntimeException e) {
        throw ApiException.invalid("cursor", CURSOR_MESSAGE);
      }
    }

    /** Whether this is the start of the list rather than a position in it. */
    public boolean isStart() {
      return this.equals(START);
    }
  }

  public static int limit(Integer limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.invalid("limit", LIMIT_MESSAGE);
    }
    return limit;
  }

  /**
   * The list response for rows fetched with {@code limit + 1}: the extra row only tells that
   * another page exists.
   */
  public static <T, R> Page<R> page(
      List<T> rows, int limit, Function<T, Cursor> cursorOf, Function<? super T, R> view) {
    boolean more = rows.size() > limit;
    List<T> shown = more ? rows.subList(0, limit) : rows;
    return new Page<>(
        shown.stream().<R>map(view).toList(),
        more ? cursorOf.apply(shown.get(shown.size() - 1)).encode() : null);
  }
}
