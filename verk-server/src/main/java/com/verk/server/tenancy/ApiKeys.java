package com.verk.server.tenancy;

import com.verk.server.system.Ids;

/** The shape of API keys: {@code vk_} and 40 random base62 characters. */
final class ApiKeys {

  private ApiKeys() {}

  static String newRawKey() {
    return "vk_" + Ids.random(40);
  }

  /** The first characters, safe to show in lists so that a person recognises a key. */
  static String prefix(String rawKey) {
    return rawKey.substring(0, Math.min(rawKey.length(), 7));
  }
}
