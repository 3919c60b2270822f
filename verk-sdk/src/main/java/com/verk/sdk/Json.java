package com.verk.sdk;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON reader (the writer is {@link JsonWriter}), so the SDK brings no JSON
 * library into a consumer's classpath.
 *
 * <p>Strict means: the grammar of RFC 8259 exactly (no comments, no trailing commas, no single
 * quotes, no leading zeros or plus signs, ASCII digits only, whitespace is space, tab, LF and CR
 * only); input bytes must be well-formed UTF-8 without a byte order mark; strings must not hold
 * unescaped control characters or lone surrogates (escaped or not); an object must not repeat a
 * member name (deliveryId is a deduplication key, so "last one wins" would be a way to smuggle a
 * second value past a check); nesting is limited to {@value #MAX_DEPTH} arrays and objects.
 *
 * <p>Objects become {@link LinkedHashMap}s (member order kept), arrays {@link ArrayList}s, integers
 * {@link Long} (or {@link BigInteger} when they do not fit), other numbers {@link BigDecimal}.
 */
final class Json {

  /** The deepest nesting of arrays and objects accepted (RFC 8259 section 9 allows a limit). */
  static final int MAX_DEPTH = 200;

  private final String text;
  private int pos;

  private Json(String text) {
    this.text = text;
  }

  /**
   * Parses one JSON text from its UTF-8 bytes.
   *
   * @throws IllegalArgumentException naming the offset if the bytes are not UTF-8 or not JSON
   */
  static Object parse(byte[] utf8) {
    return parse(decode(utf8));
  }

  /**
   * Parses one JSON text; throws {@link IllegalArgumentException} naming the offset if malformed.
   */
  static Object parse(String text) {
    Json json = new Json(text);
    json.skipWhitespace();
    Object value = json.readValue(0);
    json.skipWhitespace();
    if (json.pos != text.length()) {
      throw json.error("unexpected trailing content");
    }
    return value;
  }

  /** Parses a JSON object; anything else is an {@link IllegalArgumentException}. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> parseObject(String text) {
    Object value = parse(text);
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    return (Map<String, Object>) value;
  }

  /** Strict UTF-8 (RFC 3629): overlong forms, encoded surrogates and stray bytes are refused. */
  private static String decode(byte[] utf8) {
    if (utf8.length >= 3
        && (utf8[0] & 0xff) == 0xef
        && (utf8[1] & 0xff) == 0xbb
        && (utf8[2] & 0xff) == 0xbf) {
      throw new IllegalArgumentException("Malformed JSON at byte 0: a byte order mark");
    }
    CharsetDecoder decoder =
        UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(utf8);
    CharBuffer out = CharBuffer.allocate(utf8.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isUnderflow()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw new IllegalArgumentException(
          "Malformed JSON at byte " + in.position() + ": invalid UTF-8");
    }
    return out.flip().toString();
  }

  private Object readValue(int depth) {
    char c = peek();
    switch (c) {
      case '{':
        return readObject(depth + 1);
      case '[':
        return readArray(depth + 1);
      case '"':
        return readString();
      case 't':
        return readLiteral("true", Boolean.TRUE);
      case 'f':
        return readLiteral("false", Boolean.FALSE);
      case 'n':
        return readLiteral("null", null);
      default:
        if (c == '-' || isDigit(c)) {
          return readNumber();
        }
        throw error("unexpected character '" + c + "'");
    }
  }

  private Map<String, Object> readObject(int depth) {
    checkDepth(depth);
    Map<String, Object> map = new LinkedHashMap<>();
    pos++;
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return map;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a member name");
      }
      int keyStart = pos;
      String key = readString();
      if (map.containsKey(key)) {
        pos = keyStart;
        throw error("duplicate member name \"" + shorten(key) + "\"");
      }
      skipWhitespace();
      expect(':');
      skipWhitespace();
      map.put(key, readValue(depth));
      skipWhitespace();
      char c = next();
      if (c == '}') {
        return map;
      }
      if (c != ',') {
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> readArray(int depth) {
    checkDepth(depth);
    List<Object> list = new ArrayList<>();
    pos++;
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return list;
    }
    while (true) {
      skipWhitespace();
      list.add(readValue(depth));
      skipWhitespace();
      char c = next();
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        throw error("expected ',' or ']'");
      }
    }
  }

  private void checkDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH + " arrays and objects");
    }
  }

  private String readString() {
    int start = pos;
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        char e = next();
        switch (e) {
          case '"', '\\', '/' -> sb.append(e);
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> sb.append(readHex4());
          default -> throw error("bad escape '\\" + e + "'");
        }
      } else if (c < 0x20) {
        pos--;
        throw error("unescaped control character in a string");
      } else {
        sb.append(c);
      }
    }
    String value = sb.toString();
    int lone = loneSurrogate(value);
    if (lone >= 0) {
      pos = start;
      throw error("a string holds a lone surrogate (U+" + Integer.toHexString(lone) + ")");
    }
    return value;
  }

  /** The first unpaired surrogate of {@code s}, or -1 when {@code s} is well-formed UTF-16. */
  private static int loneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return c;
      }
    }
    return -1;
  }

  private char readHex4() {
    int value = 0;
    for (int i = 0; i < 4; i++) {
      int digit = hexDigit(peek());
      if (digit < 0) {
        throw error("a \\u escape needs four hex digits");
      }
      pos++;
      value = value * 16 + digit;
    }
    return (char) value;
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  // Character.isDigit would accept any Unicode digit (Arabic-Indic, full-width, ...): RFC 8259
  // allows only %x30-39.
  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private Object readNumber() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    int intStart = pos;
    skipDigits();
    if (pos == intStart) {
      throw error("a number needs a digit");
    }
    if (text.charAt(intStart) == '0' && pos - intStart > 1) {
      throw error("a number must not have a leading zero");
    }
    boolean integral = true;
    if (pos < text.length() && text.charAt(pos) == '.') {
      integral = false;
      pos++;
      int fracStart = pos;
      skipDigits();
      if (pos == fracStart) {
        throw error("a decimal point needs a digit after it");
      }
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      integral = false;
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      int expStart = pos;
      skipDigits();
      if (pos == expStart) {
        throw error("an exponent needs a digit");
      }
    }
    String literal = text.substring(start, pos);
    try {
      if (!integral) {
        return new BigDecimal(literal);
      }
      BigInteger big = new BigInteger(literal);
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    } catch (NumberFormatException | ArithmeticException e) {
      // e.g. an exponent beyond what BigDecimal holds; RFC 8259 section 9 allows a range limit
      pos = start;
      throw error("a number out of the supported range");
    }
  }

  private void skipDigits() {
    while (pos < text.length() && isDigit(text.charAt(pos))) {
      pos++;
    }
  }

  private Object readLiteral(String literal, Object value) {
    if (!text.startsWith(literal, pos)) {
      throw error("unexpected token");
    }
    pos += literal.length();
    return value;
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private char peek() {
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    return text.charAt(pos);
  }

  private char next() {
    char c = peek();
    pos++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      pos--;
      throw error("expected '" + c + "'");
    }
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException("Malformed JSON at offset " + pos + ": " + message);
  }
}
