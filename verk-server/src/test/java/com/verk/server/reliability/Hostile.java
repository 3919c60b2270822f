package com.verk.server.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generators of hostile input from a seeded {@link Random}: odd strings, wrong types, broken and
 * oversized JSON. A failing case is reproduced by its seed, which every assertion message names.
 */
final class Hostile {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Strings that have broken parsers, validators and SQL before. */
  private static final List<String> KNOWN_BAD =
      List.of(
          "",
          " ",
          "null",
          "0",
          "-1",
          "true",
          "' OR '1'='1",
          "'; DROP TABLE webhooks; --",
          "\" OR \"\"=\"",
          "<script>alert(1)</script>",
          "../../../../etc/passwd",
          "%00",
          "\u0000",
          "\u202e\u0645\u0631\u062d\u0628\u0627",
          "\ud83d\ude00\ud83d\ude00",
          "\ud800",
          "http://169.254.169.254/latest/meta-data/",
          "http://127.0.0.1:9/hook",
          "https://example.com/webhooks",
          "http://[::1]:9/x",
          "file:///etc/passwd",
          "javascript:alert(1)",
          "ftp://example.com/x",
          "http://",
          "https://user:pass@example.com/x",
          "task.created",
          "*",
          "todo",
          "done",
          "urgent",
          "owner",
          "enterprise",
          "2024-02-30",
          "9999-12-31",
          "2020-01-01T00:00:00Z",
          "not-a-date",
          "webhook_000000000000000000000000",
          "${jndi:ldap://127.0.0.1/x}",
          "{{7*7}}");

  private final Random random;

  Hostile(long seed) {
    this.random = new Random(seed);
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** Mostly the known-bad strings, also random text of every kind and very long strings. */
  String strings() {
    return switch (random.nextInt(5)) {
      case 0, 1 -> pick(KNOWN_BAD);
      case 2 -> text(random.nextInt(41), true);
      case 3 -> unstorable();
      default ->
          random.nextBoolean()
              ? text(random.nextInt(21), false)
              : "a".repeat(200 + random.nextInt(69_800));
    };
  }

  /**
   * Text one database stores and the other refuses: NUL (PostgreSQL's text cannot hold it) and
   * unpaired surrogates (not valid UTF-8), alone or inside ordinary text.
   */
  String unstorable() {
    String bad = pick(List.of("\u0000", "\ud800", "\udbff", "\udc00", "\udfff", "\ud83d"));
    String around = text(random.nextInt(12), true);
    int at = around.isEmpty() ? 0 : random.nextInt(around.length() + 1);
    return around.substring(0, at) + bad + around.substring(at);
  }

  /** Printable ASCII only: what an HTTP client lets through in a header value. */
  String printableAscii() {
    return chars(random.nextInt(121), ' ', '~');
  }

  String ids() {
    return switch (random.nextInt(5)) {
      case 0 -> nonEmpty(strings());
      case 1 -> "webhook_" + alphanumeric(24);
      case 2 -> "delivery_" + alphanumeric(24);
      case 3 -> "task_" + alphanumeric(24);
      default ->
          pick(
              List.of(
                  ".",
                  "..",
                  "%2e%2e",
                  ";",
                  "a;b=c",
                  "a/b",
                  "\\",
                  "~",
                  "%",
                  "%zz",
                  "x".repeat(5_000)));
    };
  }

  String queryValues() {
    return switch (random.nextInt(4)) {
      case 0 -> strings();
      case 1 -> String.valueOf(random.nextInt());
      case 2 ->
          pick(
              List.of(
                  "0",
                  "1",
                  "100",
                  "101",
                  "-5",
                  "2147483648",
                  "1e3",
                  "1.5",
                  "0x10",
                  "NaN",
                  "eyJ4IjoxfQ",
                  "eyJ0IjotMSwiaWQiOiInIn0=",
                  "////",
                  "pending",
                  "succeeded",
                  "failed",
                  "skipped"));
      default -> chars(random.nextInt(61), '!', '~');
    };
  }

  /**
   * Bodies for an endpoint: mostly objects using its own field names with hostile values (so
   * validation, not just parsing, is exercised), also other JSON, broken JSON and huge bodies.
   */
  String bodies(List<String> fields) {
    int roll = random.nextInt(16);
    if (roll < 10) {
      Map<String, String> object = new LinkedHashMap<>();
      int size = random.nextInt(7);
      for (int i = 0; i < size; i++) {
        String key =
            switch (random.nextInt(4)) {
              case 0, 1 -> pick(fields);
              case 2 ->
                  pick(
                      List.of(
                          "id", "orgId", "organizationId", "__proto__", "", "createdAt", "status"));
              default -> text(random.nextInt(13), true);
            };
        object.put(key, value(2));
      }
      return objectOf(object);
    }
    if (roll < 12) {
      return value(3);
    }
    if (roll < 14) {
      return pick(
          List.of(
              "",
              "{",
              "}",
              "{\"url\":",
              "{\"url\" \"x\"}",
              "{'url':'x'}",
              "[]",
              "{}",
              "null",
              "{\"a\":1,\"a\":2}",
              "{\"events\":[\"task.created\",]}",
              "\ufeff{}",
              "{\"n\":1e99999}",
              "{\"n\":123456789012345678901234567890123456789}",
              "[".repeat(3_000) + "]".repeat(3_000),
              "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000)));
    }
    if (roll < 15) {
      return text(random.nextInt(201), false);
    }
    return "{\"description\":\"" + "x".repeat(1_100_000) + "\"}";
  }

  /** A JSON value (as text) of at most {@code depth} levels. */
  String value(int depth) {
    int roll = depth <= 0 ? 0 : random.nextInt(9);
    if (roll < 6) {
      return switch (random.nextInt(4)) {
        case 0 -> JSON.writeValueAsString(strings());
        case 1 -> String.valueOf(random.nextLong());
        case 2 -> String.valueOf(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
        default -> pick(List.of("true", "false", "null", "-0", "1e308", "0.0000001"));
      };
    }
    if (roll < 8) {
      List<String> items = new ArrayList<>();
      int size = random.nextInt(5);
      for (int i = 0; i < size; i++) {
        items.add(value(depth - 1));
      }
      return "[" + String.join(",", items) + "]";
    }
    Map<String, String> object = new LinkedHashMap<>();
    int size = random.nextInt(4);
    for (int i = 0; i < size; i++) {
      object.put(alphabetic(random.nextInt(9)), value(depth - 1));
    }
    return objectOf(object);
  }

  private String nonEmpty(String s) {
    return s.isEmpty() ? "x" : s;
  }

  /** Random text: basic multilingual plane, or with {@code anyChar} any char incl. surrogates. */
  private String text(int length, boolean bmpOnly) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      char c = (char) random.nextInt(bmpOnly ? 0xD800 : 0x10000);
      out.append(c);
    }
    return out.toString();
  }

  private String chars(int length, char from, char to) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) (from + random.nextInt(to - from + 1)));
    }
    return out.toString();
  }

  private String alphanumeric(int length) {
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  private String alphabetic(int length) {
    return chars(length, 'a', 'z');
  }

  private static String objectOf(Map<String, String> fields) {
    StringBuilder out = new StringBuilder("{");
    fields.forEach(
        (k, v) -> {
          if (out.length() > 1) {
            out.append(',');
          }
          out.append(JSON.writeValueAsString(k)).append(':').append(v);
        });
    return out.append('}').toString();
  }
}
