package com.verk.server.system;

import java.security.SecureRandom;

/** Type-prefixed opaque identifiers such as {@code webhook_0RbT3kq2…}. */
public final class Ids {

  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  // 62^8: eight base62 characters.
  private static final long EIGHT_CHARS = 218_340_105_584_896L;

  private Ids() {}

  /**
   * A new id: the prefix, an underscore and 24 base62 characters: 8 for the current millisecond,
   * then 16 random ones (~95 bits, from two draws of a cryptographically strong source).
   *
   * <p>The time comes first so that new rows land at the end of every index on an id, as with
   * KSUIDs or UUIDv7: an insert touches the same few hot pages instead of a random page per index,
   * which is most of the cost of a write on SQLite and a large part on PostgreSQL. Nothing reads
   * the time back; ids stay opaque to clients.
   */
  public static String next(String prefix) {
    char[] out = new char[24];
    encode(System.currentTimeMillis(), out, 0);
    encode(Math.floorMod(RANDOM.nextLong(), EIGHT_CHARS), out, 8);
    encode(Math.floorMod(RANDOM.nextLong(), EIGHT_CHARS), out, 16);
    return prefix + "_" + new String(out);
  }

  // Eight base62 digits of value (0 <= value < 62^8), most significant first, so that ids of the
  // same length sort in time order (the alphabet is in ASCII order).
  private static void encode(long value, char[] out, int offset) {
    for (int i = offset + 7; i >= offset; i--) {
      out[i] = ALPHABET[(int) (value % 62)];
      value /= 62;
    }
  }

  /** {@code length} random base62 characters from a cryptographically strong source. */
  public static String random(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }
}
