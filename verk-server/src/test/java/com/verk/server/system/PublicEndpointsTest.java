package com.verk.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.SqliteServerTest;
import org.junit.jupiter.api.Test;

/** What an operator and an integrator reach without a key: health, metrics, the API document. */
class PublicEndpointsTest extends SqliteServerTest {

  @Test
  void health_is_up_without_auth() {
    Api.Result health = anonymous().get("/actuator/health");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asString()).isEqualTo("UP");
  }

  @Test
  void anonymous_health_shows_the_status_only_and_the_operator_token_sees_the_details() {
    Api.Result anonymous = anonymous().get("/actuator/health");
    Api.Result wrongToken = anonymous().withToken("not-the-operator-token").get("/actuator/health");
    Api.Result operator = admin().get("/actuator/health");

    assertThat(anonymous.json().has("components")).as(anonymous.body()).isFalse();
    assertThat(anonymous.body()).doesNotContain("diskSpace").doesNotContain("node");
    assertThat(wrongToken.json().has("components")).isFalse();
    assertThat(operator.status()).isEqualTo(200);
    assertThat(operator.json().path("components").has("diskSpace")).as(operator.body()).isTrue();
    assertThat(operator.json().path("components").path("dispatcher").path("details").has("node"))
        .isTrue();
  }

  @Test
  void get_error_directly_is_a_404_problem() {
    Api.Result error = anonymous().get("/error");
    Api.Result withKey = admin().get("/error");

    assertThat(error.status()).as(error.body()).isEqualTo(404);
    assertThat(error.code()).isEqualTo("not_found");
    assertThat(error.body()).doesNotContain("Internal");
    assertThat(withKey.status()).isEqualTo(404);
  }

  @Test
  void prometheus_metrics_are_served_without_auth() {
    Api.Result metrics = anonymous().get("/actuator/prometheus");

    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes");
  }

  @Test
  void the_openapi_document_describes_the_webhook_api_with_bearer_auth() {
    Api.Result docs = anonymous().get("/v3/api-docs");

    assertThat(docs.status()).as(docs.body()).isEqualTo(200);
    assertThat(docs.json().path("info").path("title").asString()).isEqualTo("Verk Webhooks API");
    assertThat(docs.json().path("paths").has("/v1/webhooks")).isTrue();
    assertThat(docs.json().path("paths").has("/v1/webhooks/{id}/rotate-secret")).isTrue();
    assertThat(docs.json().path("paths").has("/v1/api-keys")).isTrue();
    assertThat(docs.json().path("paths").has("/v1/event-types")).isTrue();
    assertThat(
            docs.json()
                .path("components")
                .path("securitySchemes")
                .path("apiKey")
                .path("scheme")
                .asString())
        .isEqualTo("bearer");
  }

  @Test
  void the_swagger_ui_is_browsable() {
    Api.Result entry = anonymous().get("/swagger-ui.html");
    Api.Result page = anonymous().get("/swagger-ui/index.html");

    assertThat(entry.status()).isIn(200, 302);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).containsIgnoringCase("swagger-ui");
  }

  @Test
  void other_paths_are_not_public() {
    assertThat(anonymous().get("/actuator/env").status()).isIn(401, 403, 404);
  }
}
