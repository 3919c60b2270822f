package com.verk.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.verk.server.system.ApiException.FieldError;
import com.verk.server.system.EgressSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of custom headers, their stored form, and the two egress settings. */
class WebhookHeadersTest {

  private static List<FieldError> check(Map<String, String> headers) {
    List<FieldError> errors = new ArrayList<>();
    WebhookHeaders.validate(headers, errors);
    return errors;
  }

  private static Map<String, String> one(String name, String value) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(name, value);
    return map;
  }

  @Test
  void ordinary_headers_pass_and_round_trip_through_the_stored_form_in_order() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer abc.def-123");
    headers.put("X-Team", "ops and \"friends\"");
    headers.put("x-api-key", "k:v=1");

    assertThat(check(headers)).isEmpty();
    String stored = WebhookHeaders.encode(headers);
    assertThat(WebhookHeaders.decode(stored)).containsExactlyEntriesOf(headers);
    assertThat(WebhookHeaders.splitNames(WebhookHeaders.joinNames(headers)))
        .containsExactly("Authorization", "X-Team", "x-api-key");
    assertThat(WebhookHeaders.joinNames(Map.of())).isNull();
    assertThat(WebhookHeaders.encode(Map.of())).isNull();
    assertThat(WebhookHeaders.decode(null)).isEmpty();
  }

  @Test
  void every_reserved_name_is_refused_in_any_case_naming_the_header() {
    for (String name :
        List.of(
            "Content-Type",
            "content-length",
            "HOST",
            "User-Agent",
            "Accept-Encoding",
            "Connection",
            "Keep-Alive",
            "Proxy-Authorization",
            "TE",
            "Trailer",
            "Transfer-Encoding",
            "Upgrade",
            "X-Verk-Signature",
            "x-verk-anything",
            "webhook-id",
            "Webhook-Signature")) {
      List<FieldError> errors = check(one(name, "v"));
      assertThat(errors).as(name).singleElement();
      assertThat(errors.get(0).field()).isEqualTo("headers." + name);
      assertThat(errors.get(0).message()).startsWith("is reserved");
    }
  }

  @Test
  void invalid_names_and_values_are_refused_without_echoing_the_value() {
    assertThat(check(one("Bad Name", "v")))
        .singleElement()
        .extracting(FieldError::field)
        .isEqualTo("headers.Bad?Name");
    assertThat(check(one("X-Split\r\nInjected", "v")))
        .singleElement()
        .extracting(FieldError::field)
        .isEqualTo("headers.X-Split??Injected");
    assertThat(check(one("X-A:", "v"))).hasSize(1);
    for (String value :
        List.of(
            "secret\r\nX-Evil: 1",
            "secret\nx",
            "nul\0",
            "caf\u00e9",
            "\u2022\u2022\u2022\u2022",
            " padded",
            "padded\t",
            "")) {
      List<FieldError> errors = check(one("X-Token", value));
      assertThat(errors).as(value).singleElement();
      assertThat(errors.get(0).field()).isEqualTo("headers.X-Token");
      if (!value.isEmpty()) {
        assertThat(errors.get(0).message()).doesNotContain(value.strip());
      }
    }
    assertThat(check(one("X-Token", null)))
        .singleElement()
        .extracting(FieldError::message)
        .isEqualTo("needs a value");
  }

  @Test
  void duplicates_differing_in_case_too_many_and_too_large_are_refused() {
    Map<String, String> dup = new LinkedHashMap<>();
    dup.put("X-Team", "a");
    dup.put("x-team", "b");
    assertThat(check(dup))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("headers.x-team");
              assertThat(e.message()).contains("X-Team");
            });

    Map<String, String> many = new LinkedHashMap<>();
    for (int i = 0; i < 21; i++) {
      many.put("X-H" + i, "v");
    }
    assertThat(check(many)).singleElement().extracting(FieldError::field).isEqualTo("headers");
    many.remove("X-H20");
    assertThat(check(many)).isEmpty();

    assertThat(check(one("X-Big", "a".repeat(8192 - 5)))).isEmpty();
    assertThat(check(one("X-Big", "a".repeat(8192 - 4))))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("headers");
              assertThat(e.message()).contains("8192 bytes");
            });
  }

  @Test
  void the_proxy_setting_must_be_an_http_url_with_a_port() {
    assertThat(EgressSettings.proxy("http://proxy.internal:3128"))
        .isEqualTo(new EgressSettings.Proxy("proxy.internal", 3128));
    assertThat(EgressSettings.proxy("http://[::1]:8080/"))
        .isEqualTo(new EgressSettings.Proxy("::1", 8080));
    for (String bad :
        List.of("proxy:3128", "https://p:3128", "http://p", "http://u:pw@p:3128", "http://p:1/x")) {
      assertThatThrownBy(() -> EgressSettings.proxy(bad))
          .as(bad)
          .hasMessageContaining("VERK_WEBHOOKS_PROXY");
    }
  }

  @Test
  void egress_ips_must_be_addresses_or_cidr_blocks() {
    assertThat(
            EgressSettings.egressIps(
                List.of(" 203.0.113.7 ", "198.51.100.0/28", "2001:db8::/48", "")))
        .containsExactly("203.0.113.7", "198.51.100.0/28", "2001:db8::/48");
    assertThat(EgressSettings.egressIps(null)).isEmpty();
    for (String bad :
        List.of(
            "example.com",
            "1.2.3.999",
            "1.2.3",
            "10.0.0.0/33",
            "::1/129",
            "10.0.0.0/x",
            "1.2.3.4/")) {
      assertThatThrownBy(() -> EgressSettings.egressIps(List.of(bad)))
          .as(bad)
          .hasMessageContaining("VERK_WEBHOOKS_EGRESS_IPS");
    }
  }
}
