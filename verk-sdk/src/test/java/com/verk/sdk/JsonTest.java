package com.verk.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void parses_every_json_value_kind() {
    Object value =
        Json.parse(
            " {\"s\":\"a\\\"b\\\\c\\/\\n\\u00e9\\ud83d\\ude00\",\"i\":-12,\"big\":123456789012345678901,"
                + "\"d\":1.5e2,\"t\":true,\"f\":false,\"n\":null,\"a\":[1,[],{}]} ");
    assertThat(value)
        .isEqualTo(
            map(
                "s",
                "a\"b\\c/\né😀",
                "i",
                -12L,
                "big",
                new BigInteger("123456789012345678901"),
                "d",
                new BigDecimal("1.5e2"),
                "t",
                true,
                "f",
                false,
                "n",
                null,
                "a",
                List.of(1L, List.of(), Map.of())));
  }

  @Test
  void keeps_field_order() {
    assertThat(Json.parseObject("{\"b\":1,\"a\":2}").keySet()).containsExactly("b", "a");
  }

  @Test
  void rejects_malformed_input_with_the_offset() {
    for (String bad :
        List.of(
            "",
            "{",
            "{\"a\"}",
            "{\"a\":1,}",
            "[1,]",
            "01",
            "1.",
            "-",
            "\"\\x\"",
            "\"a",
            "tru",
            "{} x",
            "\"\u0001\"",
            "{a:1}",
            "[".repeat(500))) {
      assertThatThrownBy(() -> Json.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Malformed JSON at offset");
    }
  }

  @Test
  void writes_what_it_reads() {
    Map<String, Object> original =
        map(
            "text",
            "quote \" backslash \\ newline \n tab \t ctrl \u0001 line sep \u2028 é",
            "n",
            42L,
            "d",
            new BigDecimal("0.1"),
            "list",
            Arrays.asList(true, null, "x"),
            "nested",
            map("k", List.of()));
    String json = JsonWriter.write(original);
    assertThat(json).doesNotContain("\n").contains("\\u0001").contains("\\u2028");
    assertThat(Json.parse(json)).isEqualTo(original);
  }

  @Test
  void writes_null_elements_of_arrays_and_lists() {
    assertThat(JsonWriter.write(new Object[] {"a", null})).isEqualTo("[\"a\",null]");
    assertThat(JsonWriter.write(Arrays.asList(null, 1))).isEqualTo("[null,1]");
  }

  @Test
  void refuses_to_write_what_it_would_refuse_to_read() {
    assertThatThrownBy(() -> JsonWriter.write("lone \ud800"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lone surrogate");
    Map<String, Object> nullName = new LinkedHashMap<>();
    nullName.put(null, 1);
    assertThatThrownBy(() -> JsonWriter.write(nullName))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonWriter.write(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writes_other_objects_as_strings_and_refuses_nan() {
    assertThat(JsonWriter.write(List.of(java.time.Instant.EPOCH, 7)))
        .isEqualTo("[\"1970-01-01T00:00:00Z\",7]");
    assertThatThrownBy(() -> JsonWriter.write(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      map.put((String) kv[i], kv[i + 1]);
    }
    return map;
  }
}
