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
