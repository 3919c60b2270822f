package com.verk.server.webhooks;

import com.verk.server.system.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of a list ends: the (created_at, id) of its last row. Opaque to clients (base64url),
 * and stable under inserts, unlike an offset.
 */
record PageCursor(long createdAt, String id) {

  String encode() {
    String raw = createdAt + ":" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor a client sent back; 400 naming {@code cursor} when it is not one of ours. */
  static PageCursor decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int colon = raw.indexOf(':');
      if (colon <= 0 || colon == raw.length() - 1) {
        throw new IllegalArgumentException("no separator");
      }
      return new PageCursor(Long.parseLong(raw.substring(0, colon)), raw.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("cursor", "is not a cursor returned by this API");
    }
  }

  /** The page size asked for, checked against 1..100. */
  static int limit(Integer requested) {
    if (requested == null) {
      return 20;
    }
    if (requested < 1 || requested > 100) {
      throw ApiException.invalid("limit", "must be between 1 and 100");
    }
    return requested;
  }
}
