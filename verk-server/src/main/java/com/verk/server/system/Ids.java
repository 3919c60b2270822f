package com.verk.server.system;

import java.security.SecureRandom;

/** Type-prefixed opaque identifiers such as {@code webhook_3kTz…}. */
public final class Ids {

  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** A new id: the prefix, an underscore and 24 random base62 characters (~142 bits). */
  public static String next(String prefix) {
    return prefix + "_" + random(24);
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
