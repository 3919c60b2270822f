package com.verk.server.reliability;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import tools.jackson.databind.json.JsonMapper;

/** Generators of hostile input: odd strings, wrong types, broken and oversized JSON. */
final class Hostile {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Hostile() {}

  /** Strings that have broken parsers, validators and SQL before. */
  static Arbitrary<String> strings() {
    return Arbitraries.oneOf(
        Arbitraries.of(
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
            "{{7*7}}"),
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().all().ofMaxLength(20),
        Arbitraries.integers().between(200, 70_000).map("a"::repeat));
  }

  /** Printable ASCII only: what an HTTP client lets through in a header value. */
  static Arbitrary<String> printableAscii() {
    return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(120);
  }

  static Arbitrary<String> ids() {
    return Arbitraries.oneOf(
        strings().filter(s -> !s.isEmpty()),
        Arbitraries.strings().alpha().numeric().ofLength(24).map(s -> "webhook_" + s),
        Arbitraries.strings().alpha().numeric().ofLength(24).map(s -> "delivery_" + s),
        Arbitraries.strings().alpha().numeric().ofLength(24).map(s -> "task_" + s),
        Arbitraries.of(
            ".", "..", "%2e%2e", ";", "a;b=c", "a/b", "\\", "~", "%", "%zz", "x".repeat(5_000)));
  }

  static Arbitrary<String> queryValues() {
    return Arbitraries.oneOf(
        strings(),
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.of(
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
            "skipped"),
        Arbitraries.strings().withCharRange('!', '~').ofMaxLength(60));
  }

  /**
   * Bodies for an endpoint: mostly objects using its own field names with hostile values (so
   * validation, not just parsing, is exercised), also other JSON, broken JSON and huge bodies.
   */
  static Arbitrary<String> bodies(List<String> fields) {
    Arbitrary<String> key =
        Arbitraries.oneOf(
            Arbitraries.of(fields),
            Arbitraries.of(fields),
            Arbitraries.of("id", "orgId", "organizationId", "__proto__", "", "createdAt", "status"),
            Arbitraries.strings().ofMaxLength(12));
    Arbitrary<String> object = Arbitraries.maps(key, value(2)).ofMaxSize(6).map(Hostile::objectOf);
    return Arbitraries.frequencyOf(
        Tuple.of(10, object),
        Tuple.of(2, value(3)),
        Tuple.of(
            2,
            Arbitraries.of(
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
                "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000))),
        Tuple.of(1, Arbitraries.strings().all().ofMaxLength(200)),
        Tuple.of(1, Arbitraries.just("{\"description\":\"" + "x".repeat(1_100_000) + "\"}")));
  }

  /** A JSON value (as text) of at most {@code depth} levels. */
  static Arbitrary<String> value(int depth) {
    Arbitrary<String> leaf =
        Arbitraries.oneOf(
            strings().map(JSON::writeValueAsString),
            Arbitraries.longs().map(String::valueOf),
            Arbitraries.doubles()
                .map(String::valueOf)
                .filter(s -> !s.contains("N") && !s.contains("I")),
            Arbitraries.of("true", "false", "null", "-0", "1e308", "0.0000001"));
    if (depth <= 0) {
      return leaf;
    }
    return Arbitraries.frequencyOf(
        Tuple.of(6, leaf),
        Tuple.of(2, value(depth - 1).list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]")),
        Tuple.of(
            1,
            Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(8), value(depth - 1))
                .ofMaxSize(3)
                .map(Hostile::objectOf)));
  }

  private static String objectOf(java.util.Map<String, String> fields) {
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
