package com.verk.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.SqliteServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failures outside the controllers are problems with a stable code too. */
class ProblemResponsesTest extends SqliteServerTest {

  @Test
  void a_wildcard_content_type_is_a_415_problem_not_a_500() {
    Api api = newTenant("free").api();

    Api.Result result = api.send("POST", "/v1/webhooks", "{}", "*/*");

    assertThat(result.status()).isEqualTo(415);
    assertThat(result.header("Content-Type")).startsWith("application/problem+json");
    assertThat(result.code()).isEqualTo("unsupported_media_type");
  }

  @Test
  void an_unparseable_content_type_is_a_415_problem() {
    Api api = newTenant("free").api();

    Api.Result result = api.send("POST", "/v1/webhooks", "{}", "application/");

    assertThat(result.status()).isEqualTo(415);
    assertThat(result.code()).isEqualTo("unsupported_media_type");
  }

  @Test
  void a_url_the_firewall_rejects_is_a_400_problem() {
    Api api = newTenant("free").api();

    Api.Result result = api.get("/v1/webhooks/%27%3B%20DROP%20TABLE%20webhooks%3B%20--");

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.header("Content-Type")).startsWith("application/problem+json");
    assertThat(result.code()).isEqualTo("bad_request");
  }

  @Test
  void headers_too_large_for_the_server_are_a_problem_not_an_html_page() {
    Api.Result result = anonymous().withToken("x".repeat(20_000)).get("/v1/webhooks");

    assertThat(result.status()).isBetween(400, 499);
    assertThat(result.header("Content-Type")).startsWith("application/problem+json");
    assertThat(result.json().path("status").asInt()).isEqualTo(result.status());
  }

  @Test
  void a_path_outside_every_surface_is_refused_as_a_problem() {
    Api.Result result = anonymous().get("/nothing-here");

    assertThat(result.status()).isBetween(400, 499);
    assertThat(result.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void json_bodies_still_work_with_a_charset_parameter() {
    Api api = newTenant("free").api();

    Api.Result result =
        api.send(
            "POST",
            "/v1/api-keys",
            Api.JSON.writeValueAsString(Map.of("name", "ci", "scopes", java.util.List.of())),
            "application/json; charset=utf-8");

    assertThat(result.status()).isIn(201, 400);
    assertThat(result.header("Content-Type")).doesNotContain("html");
  }
}
