package com.verk.sdk;

import static com.verk.sdk.JsonTest.map;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 8259, rule by rule: every grammar production and every "MUST" the RFC puts on a parser, with
 * texts that must be accepted (and the value they give) and texts that must be refused. The byte
 * cases go through {@link Json#parse(byte[])}, the path a webhook body takes.
 */
class JsonConformanceTest {

  // ---- accepted ------------------------------------------------------------------------------

  static Stream<Arguments> accepted() {
    return Stream.of(
        // section 2: a JSON text is any serialized value, with insignificant whitespace around
        arguments("2 a text may be an object", "{}", Map.of()),
        arguments("2 a text may be an array", "[]", List.of()),
        arguments("2 a text may be a string", "\"a\"", "a"),
        arguments("2 a text may be a number", "7", 7L),
        arguments("2 a text may be true", "true", true),
        arguments("2 a text may be false", "false", false),
        arguments("2 a text may be null", "null", null),
        arguments(
            "2 space, tab, LF and CR are whitespace around every structural character",
            " \t\r\n{ \t\r\n\"a\" \t\r\n: \t\r\n[ \t\r\n1 \t\r\n, \t\r\n2 \t\r\n] \t\r\n} \t\r\n",
            map("a", List.of(1L, 2L))),
        // section 3: values
        arguments(
            "3 the three literal names are lowercase",
            "[true,false,null]",
            Arrays.asList(true, false, null)),
        // section 4: objects
        arguments(
            "4 members are name/value pairs separated by commas",
            "{\"a\":1,\"b\":\"x\"}",
            map("a", 1L, "b", "x")),
        arguments("4 a member name may be empty", "{\"\":1}", map("", 1L)),
        arguments(
            "4 the same name may appear in different objects",
            "{\"a\":{\"a\":1},\"b\":{\"a\":2}}",
            map("a", map("a", 1L), "b", map("a", 2L))),
        arguments(
            "4 names differing only in case are different names",
            "{\"a\":1,\"A\":2}",
            map("a", 1L, "A", 2L)),
        // section 5: arrays
        arguments(
            "5 array elements may be of any type",
            "[1,\"a\",null,true,{},[]]",
            Arrays.asList(1L, "a", null, true, Map.of(), List.of())),
        arguments("5 arrays nest", "[[[]]]", List.of(List.of(List.of()))),
        // section 6: numbers
        arguments("6 zero", "0", 0L),
        arguments("6 minus zero", "-0", 0L),
        arguments("6 a negative integer", "-123", -123L),
        arguments("6 the largest long", "9223372036854775807", Long.MAX_VALUE),
        arguments(
            "6 an integer beyond 64 bits keeps every digit",
            "123456789012345678901234567890",
            new BigInteger("123456789012345678901234567890")),
        arguments("6 a fraction", "1.5", new BigDecimal("1.5")),
        arguments("6 zero with a fraction", "0.25", new BigDecimal("0.25")),
        arguments("6 an exponent with e", "1e2", new BigDecimal("1e2")),
        arguments("6 an exponent with E and a plus", "1E+2", new BigDecimal("1E+2")),
        arguments("6 a negative exponent", "-1.5e-3", new BigDecimal("-1.5e-3")),
        arguments("6 an exponent with leading zeros", "1e007", new BigDecimal("1e7")),
        arguments("6 a large exponent", "1e400", new BigDecimal("1e400")),
        // section 7: strings
        arguments("7 the empty string", "\"\"", ""),
        arguments(
            "7 the two-character escapes", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t"),
        arguments("7 a \\u escape with lowercase hex", "\"\\u00e9\"", "é"),
        arguments("7 a \\u escape with uppercase hex", "\"\\u00E9\"", "é"),
        arguments("7 an escaped NUL", "\"\\u0000\"", "\u0000"),
        arguments("7 an escaped surrogate pair is one character", "\"\\ud83d\\ude00\"", "😀"),
        arguments("7 unescaped characters beyond the controls", "\"é€😀\u007f\"", "é€😀\u007f"),
        arguments("7 a noncharacter is still a character", "\"\\uffff\"", "\uffff"),
        arguments("7 the solidus may appear escaped or not", "[\"/\",\"\\/\"]", List.of("/", "/")),
        // section 9: a parser may limit nesting; Verk's limit is 200
        arguments(
            "9 nesting up to the limit is accepted",
            "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH),
            nested(Json.MAX_DEPTH)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void a_text_the_rfc_allows_is_accepted_with_its_value(String rule, String json, Object value) {
    assertThat(Json.parse(json)).as(rule).isEqualTo(value);
    assertThat(Json.parse(json.getBytes(UTF_8))).as(rule + " (as UTF-8 bytes)").isEqualTo(value);
  }

  // ---- refused -------------------------------------------------------------------------------

  static Stream<Arguments> refused() {
    return Stream.of(
        // section 2: grammar of a text
        arguments("2 an empty text", ""),
        arguments("2 a text of whitespace only", " \n"),
        arguments("2 two values in one text", "1 2"),
        arguments("2 two objects in one text", "{}{}"),
        arguments("2 a vertical tab is not whitespace", "\u000b1"),
        arguments("2 a form feed is not whitespace", "\f1"),
        arguments("2 a no-break space is not whitespace", "\u00a01"),
        arguments("2 a line separator is not whitespace", "[1,\u20282]"),
        arguments("2 a comment is not whitespace", "[1/*x*/]"),
        // section 3: values
        arguments("3 literal names are lowercase: True", "True"),
        arguments("3 literal names are lowercase: NULL", "NULL"),
        arguments("3 a truncated literal", "nul"),
        arguments("3 a literal with trailing letters", "truex"),
        arguments("3 undefined is not a value", "undefined"),
        arguments("3 NaN is not a value", "NaN"),
        arguments("3 Infinity is not a value", "Infinity"),
        arguments("3 a value is required after a name", "{\"a\":}"),
        // section 4: objects
        arguments("4 an unterminated object", "{\"a\":1"),
        arguments("4 a trailing comma in an object", "{\"a\":1,}"),
        arguments("4 a leading comma in an object", "{,\"a\":1}"),
        arguments("4 a missing comma between members", "{\"a\":1 \"b\":2}"),
        arguments("4 a missing name separator", "{\"a\" 1}"),
        arguments("4 a name without a value", "{\"a\"}"),
        arguments("4 an unquoted name", "{a:1}"),
        arguments("4 a single-quoted name", "{'a':1}"),
        arguments("4 a number as a name", "{1:1}"),
        arguments("4 a duplicate name", "{\"a\":1,\"a\":2}"),
        arguments("4 a duplicate name with the same value", "{\"a\":1,\"a\":1}"),
        arguments("4 a duplicate name spelled with an escape", "{\"a\":1,\"\\u0061\":2}"),
        arguments(
            "4 a duplicate deliveryId (the deduplication key)",
            "{\"deliveryId\":\"a\",\"deliveryId\":\"b\"}"),
        arguments("4 a duplicate name in a nested object", "[{\"x\":{\"k\":1,\"k\":2}}]"),
        // section 5: arrays
        arguments("5 an unterminated array", "[1"),
        arguments("5 a closing bracket alone", "]"),
        arguments("5 a trailing comma in an array", "[1,]"),
        arguments("5 a leading comma in an array", "[,1]"),
        arguments("5 an elision", "[1,,2]"),
        arguments("5 a missing value separator", "[1 2]"),
        arguments("5 mismatched brackets", "[1}"),
        // section 6: numbers
        arguments("6 a plus sign", "+1"),
        arguments("6 a leading zero", "01"),
        arguments("6 a negative leading zero", "-01"),
        arguments("6 two zeros", "00"),
        arguments("6 a fraction without an integer part", ".5"),
        arguments("6 a decimal point without digits after it", "1."),
        arguments("6 an exponent after a bare decimal point", "1.e1"),
        arguments("6 an exponent without digits", "1e"),
        arguments("6 an exponent sign without digits", "1e+"),
        arguments("6 a minus alone", "-"),
        arguments("6 two minus signs", "--1"),
        arguments("6 a space after the minus", "- 1"),
        arguments("6 hexadecimal", "0x10"),
        arguments("6 digit separators", "1_000"),
        arguments("6 an Arabic-Indic digit after a digit", "1\u0663"),
        arguments("6 an Arabic-Indic digit alone", "\u0663"),
        arguments("6 a full-width digit", "\uff11"),
        arguments("6 a Devanagari digit in a fraction", "1.\u0967"),
        arguments("6 a full-width digit in an exponent", "1e\uff12"),
        arguments("6 minus Infinity", "-Infinity"),
        arguments("6 an exponent beyond the supported range", "1e9999999999"),
        // section 7: strings
        arguments("7 an unterminated string", "\"abc"),
        arguments("7 a single-quoted string", "'a'"),
        arguments("7 an unescaped NUL", "\"\u0000\""),
        arguments("7 an unescaped U+001F", "\"\u001f\""),
        arguments("7 an unescaped tab", "\"a\tb\""),
        arguments("7 an unescaped line feed", "\"a\nb\""),
        arguments("7 an unknown escape", "\"\\x41\""),
        arguments("7 an escaped single quote", "\"\\'\""),
        arguments("7 an escaped bell", "\"\\a\""),
        arguments("7 an uppercase U escape", "\"\\U0041\""),
        arguments("7 a \\u escape with two hex digits", "\"\\u41\""),
        arguments("7 a \\u escape with a non-hex digit", "\"\\u12G4\""),
        arguments("7 a \\u escape with full-width digits", "\"\\u\uff10\uff10\uff14\uff11\""),
        arguments("7 a \\u escape with Arabic-Indic digits", "\"\\u\u0660\u0660\u0664\u0661\""),
        arguments("7 a \\u escape cut by the end", "\"\\u00"),
        arguments("7 a backslash at the end", "\"\\"),
        // section 8.2: strings must be sequences of Unicode characters
        arguments("8.2 an escaped lone high surrogate", "\"\\ud800\""),
        arguments("8.2 an escaped lone low surrogate", "\"\\udc00\""),
        arguments("8.2 an escaped low surrogate before a high one", "\"\\ude00\\ud83d\""),
        arguments("8.2 an escaped high surrogate before a letter", "\"\\ud83dA\""),
        arguments("8.2 an escaped high surrogate before an escaped letter", "\"\\ud83d\\u0041\""),
        arguments("8.2 a lone surrogate in a member name", "{\"\\ud800\":1}"),
        arguments("8.2 an unescaped lone surrogate", "\"\ud800\""),
        // section 9: a parser may limit nesting; Verk's limit is 200
        arguments(
            "9 arrays nested one deeper than the limit",
            "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1)),
        arguments(
            "9 objects nested one deeper than the limit",
            "{\"a\":".repeat(Json.MAX_DEPTH + 1) + "1" + "}".repeat(Json.MAX_DEPTH + 1)),
        arguments("9 a deep unterminated nesting", "[".repeat(100_000)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void a_text_the_rfc_forbids_is_refused_with_the_offset(String rule, String json) {
    assertThatThrownBy(() -> Json.parse(json))
        .as(rule)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Malformed JSON at offset ");
  }

  // ---- section 8.1: character encoding -------------------------------------------------------

  static Stream<Arguments> wellFormedUtf8() {
    return Stream.of(
        arguments("8.1 a two-byte sequence (U+00E9)", "22c3a922", "é"),
        arguments("8.1 a three-byte sequence (U+20AC)", "22e282ac22", "€"),
        arguments("8.1 a four-byte sequence (U+1F600)", "22f09f988022", "😀"),
        arguments("8.1 the highest code point (U+10FFFF)", "22f48fbfbf22", "\udbff\udfff"),
        arguments("8.1 the last three-byte code point (U+FFFD)", "22efbfbd22", "\ufffd"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wellFormedUtf8")
  void well_formed_utf_8_is_decoded(String rule, String hex, String value) {
    assertThat(Json.parse(HexFormat.of().parseHex(hex))).as(rule).isEqualTo(value);
  }

  static Stream<Arguments> malformedUtf8() {
    return Stream.of(
        arguments("8.1 a byte order mark", "efbbbf7b7d"),
        arguments("8.1 a stray continuation byte", "2280"),
        arguments("8.1 a Latin-1 byte", "22e922"),
        arguments("8.1 an overlong two-byte slash", "22c0af22"),
        arguments("8.1 an overlong three-byte slash", "22e080af22"),
        arguments("8.1 an overlong four-byte slash", "22f08080af22"),
        arguments("8.1 a UTF-8 encoded high surrogate (CESU-8)", "22eda08022"),
        arguments("8.1 a UTF-8 encoded low surrogate", "22edb08022"),
        arguments("8.1 a code point above U+10FFFF", "22f490808022"),
        arguments("8.1 the byte FF", "22ff22"),
        arguments("8.1 a sequence cut by the end of the text", "22e282"),
        arguments("8.1 a sequence cut by a quote", "22e28222"),
        arguments("8.1 UTF-16 (big-endian) instead of UTF-8", "005b005d"),
        arguments("8.1 UTF-16 (little-endian) with its BOM", "fffe5b005d00"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedUtf8")
  void bytes_that_are_not_utf_8_are_refused(String rule, String hex) {
    assertThatThrownBy(() -> Json.parse(HexFormat.of().parseHex(hex)))
        .as(rule)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Malformed JSON at ");
  }

  private static Object nested(int depth) {
    Object value = List.of();
    for (int i = 1; i < depth; i++) {
      value = List.of(value);
    }
    return value;
  }
}
