package com.verk.server.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * API keys carry 238 random bits, so a fast unsalted SHA-256 is enough to make the stored value
 * useless to a reader of the database while keeping lookups by hash indexable.
 */
final class ApiKeyHasher {

  private ApiKeyHasher() {}

  static String hash(String rawKey) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(rawKey.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
