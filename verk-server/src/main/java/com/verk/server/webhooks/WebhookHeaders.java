package com.verk.server.webhooks;

import com.verk.server.system.ApiException.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The custom headers a webhook sends on every attempt: what is allowed, how they are stored and how
 * they are shown. They are secrets (an {@code Authorization} value is a credential): stored sealed
 * with the webhook secrets' {@link SecretCipher}, shown only in the response that set them, masked
 * as {@value #MASK} everywhere else, never logged, never in the delivery log.
 *
 * <p>Stored form (before sealing): one {@code Name: value} line per header, in the order given.
 * Unambiguous because a valid name is an RFC 9110 token (no colon) and a valid value has no CR or
 * LF.
 */
public final class WebhookHeaders {

  public static final int MAX_COUNT = 20;

  /** Names and values together, in bytes (they are ASCII). */
  public static final int MAX_BYTES = 8 * 1024;

  /** What GET and list show instead of a value. */
  public static final String MASK = "••••";

  /** Names Verk sets itself, that HTTP reserves, or that would change how the request is framed. */
  static final Set<String> RESERVED =
      Set.of(
          "accept-encoding",
          "connection",
          "content-encoding",
          "content-length",
          "content-type",
          "expect",
          "host",
          "keep-alive",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "user-agent");

  /** Reserved prefixes: Verk's own headers, Standard Webhooks', proxy hop-by-hop headers. */
  static final List<String> RESERVED_PREFIXES = List.of("x-verk-", "webhook-", "proxy-");

  private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

  private WebhookHeaders() {}

  /**
   * Checks a map given by a user; each problem names its header ({@code headers.Content-Type}).
   * Values never appear in a message. Null means "not given" and passes.
   */
  static void validate(Map<String, String> headers, List<FieldError> errors) {
    if (headers == null) {
      return;
    }
    if (headers.size() > MAX_COUNT) {
      errors.add(new FieldError("headers", "must have at most " + MAX_COUNT + " headers"));
      return;
    }
    Map<String, String> seen = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    long bytes = 0;
    for (Map.Entry<String, String> e : headers.entrySet()) {
      String name = e.getKey();
      String value = e.getValue();
      String field = "headers." + printable(name);
      if (name == null || name.isEmpty()) {
        errors.add(new FieldError("headers", "a header name must not be empty"));
        continue;
      }
      bytes += name.getBytes(StandardCharsets.UTF_8).length;
      if (!isToken(name)) {
        errors.add(
            new FieldError(
                field,
                "is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only, RFC 9110)"));
      } else if (isReserved(name)) {
        errors.add(
            new FieldError(
                field,
                "is reserved: Verk sets it or HTTP reserves it (Content-Type, Content-Length, Host,"
                    + " User-Agent, Accept-Encoding, hop-by-hop headers, X-Verk-*, webhook-*,"
                    + " Proxy-*)"));
      } else if (seen.containsKey(name)) {
        errors.add(
            new FieldError(
                field, "duplicates " + seen.get(name) + " (header names are case-insensitive)"));
      }
      seen.putIfAbsent(name, name);
      if (value == null || value.isEmpty()) {
        errors.add(new FieldError(field, "needs a value"));
        continue;
      }
      bytes += value.getBytes(StandardCharsets.UTF_8).length;
      String problem = valueProblem(value);
      if (problem != null) {
        errors.add(new FieldError(field, problem));
      }
    }
    if (bytes > MAX_BYTES) {
      errors.add(
          new FieldError(
              "headers", "must be at most " + MAX_BYTES + " bytes in all (names and values)"));
    }
  }

  /** Whether Verk refuses {@code name} as a custom header (case-insensitive). */
  public static boolean isReserved(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return RESERVED.contains(lower) || RESERVED_PREFIXES.stream().anyMatch(lower::startsWith);
  }

  private static boolean isToken(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || TOKEN_SYMBOLS.indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String valueProblem(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        return "must not contain CR, LF or NUL";
      }
      if (!(c == ' ' || c == '\t' || (c >= 0x21 && c <= 0x7e))) {
        return "must contain only visible ASCII characters, spaces and tabs";
      }
    }
    if (isBlank(value.charAt(0)) || isBlank(value.charAt(value.length() - 1))) {
      return "must not start or end with whitespace";
    }
    return null;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  /** The name as a field path may show it: anything outside visible ASCII becomes {@code ?}. */
  private static String printable(String name) {
    if (name == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(name.length(), 100));
    for (int i = 0; i < name.length() && i < 100; i++) {
      char c = name.charAt(i);
      out.append(c >= 0x21 && c <= 0x7e ? c : '?');
    }
    return out.toString();
  }

  /** The stored form of valid headers, or null for none. */
  static String encode(Map<String, String> headers) {
    if (headers == null || headers.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    headers.forEach((name, value) -> out.append(name).append(": ").append(value).append('\n'));
    return out.toString();
  }

  /** The headers of a stored (already revealed) value, in their order; empty for null. */
  public static Map<String, String> decode(String stored) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (stored == null || stored.isEmpty()) {
      return headers;
    }
    for (String line : stored.split("\n")) {
      int colon = line.indexOf(": ");
      if (colon > 0) {
        headers.put(line.substring(0, colon), line.substring(colon + 2));
      }
    }
    return headers;
  }

  /** The clear {@code header_names} column: one name per line, null for none. */
  static String joinNames(Map<String, String> headers) {
    return headers == null || headers.isEmpty() ? null : String.join("\n", headers.keySet());
  }

  /** The names a {@code header_names} column holds, in order. */
  static List<String> splitNames(String column) {
    return column == null || column.isEmpty() ? List.of() : List.of(column.split("\n"));
  }

  /** What GET and list show: each name with {@link #MASK} as its value. */
  static Map<String, String> masked(List<String> names) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : names) {
      out.put(name, MASK);
    }
    return out;
  }
}
