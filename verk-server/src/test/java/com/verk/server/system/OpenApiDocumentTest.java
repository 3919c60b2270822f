package com.verk.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.SqliteServerTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The served OpenAPI document is the contract clients are generated from: it equals the copy kept
 * in docs/openapi.json, and every operation says what it takes, answers and needs.
 */
class OpenApiDocumentTest extends SqliteServerTest {

  /** Run with -Dverk.openapi.write=true to refresh docs/openapi.json from the served document. */
  static final Path STORED = Path.of("..", "docs", "openapi.json");

  private static final JsonMapper PRETTY =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private JsonNode served() {
    Api.Result docs = anonymous().get("/v3/api-docs");
    assertThat(docs.status()).as(docs.body()).isEqualTo(200);
    return docs.json();
  }

  @Test
  void the_served_document_is_the_one_kept_in_docs_openapi_json() throws IOException {
    JsonNode served = served();
    if (Boolean.getBoolean("verk.openapi.write")) {
      Files.writeString(STORED, PRETTY.writeValueAsString(served) + "\n", StandardCharsets.UTF_8);
    }
    JsonNode stored = Api.JSON.readTree(Files.readString(STORED, StandardCharsets.UTF_8));

    assertThat(PRETTY.writeValueAsString(served))
        .as(
            "docs/openapi.json differs from /v3/api-docs; refresh it with"
                + " mvn -pl verk-server test -Dtest=OpenApiDocumentTest -Dverk.openapi.write=true")
        .isEqualTo(PRETTY.writeValueAsString(stored));
  }

  @Test
  void every_operation_names_the_scope_it_needs_and_answers_problems_as_problem_json() {
    JsonNode doc = served();
    List<String> checked = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        String name = op.getKey().toUpperCase() + " " + path.getKey();
        JsonNode operation = op.getValue();
        assertThat(operation.path("summary").asString()).as(name).isNotBlank();
        assertThat(operation.path("security").path(0).has(OpenApiDocs.BEARER))
            .as(name + " names the bearer scheme")
            .isTrue();
        // The catalog and the egress addresses are for any valid key, without a scope.
        if (path.getKey().startsWith("/v1/")
            && !List.of("/v1/event-types", "/v1/egress-ips").contains(path.getKey())) {
          assertThat(operation.path("security").path(0).path(OpenApiDocs.BEARER).path(0).asString())
              .as(name + " names its scope")
              .matches("(webhooks|workspace|keys):(read|write)");
          assertThat(operation.path("responses").has("403")).as(name).isTrue();
        }
        assertThat(operation.path("responses").has("401")).as(name).isTrue();
        for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
          int status = Integer.parseInt(response.getKey());
          JsonNode content = response.getValue().path("content");
          if (status >= 400) {
            assertThat(
                    content.path("application/problem+json").path("schema").path("$ref").asString())
                .as(name + " " + status)
                .isEqualTo("#/components/schemas/Problem");
          } else if (status == 204) {
            assertThat(content.isMissingNode() || content.isEmpty()).as(name).isTrue();
          } else if (!path.getKey().endsWith("/content")) {
            assertThat(content.has("application/json")).as(name + " " + status).isTrue();
            assertThat(content.path("application/json").path("schema").path("$ref").asString())
                .as(name + " " + status + " has a named schema")
                .startsWith("#/components/schemas/");
          }
        }
        checked.add(name);
      }
    }
    assertThat(checked).contains("POST /v1/webhooks", "GET /v1/webhooks/{webhookId}/deliveries");
  }

  @Test
  void every_tag_is_declared_once() {
    List<String> names = new ArrayList<>();
    served().path("tags").forEach(tag -> names.add(tag.path("name").asString()));

    assertThat(names).isNotEmpty().doesNotHaveDuplicates();
  }

  @Test
  void creating_answers_201_deleting_204_and_queueing_202() {
    JsonNode paths = served().path("paths");

    assertThat(paths.path("/v1/webhooks").path("post").path("responses").has("201")).isTrue();
    assertThat(paths.path("/v1/webhooks").path("post").path("responses").has("200")).isFalse();
    assertThat(paths.path("/v1/webhooks/{id}").path("delete").path("responses").has("204"))
        .isTrue();
    assertThat(
            paths
                .path("/v1/webhooks/{webhookId}/recover")
                .path("post")
                .path("responses")
                .has("202"))
        .isTrue();
    assertThat(
            paths
                .path("/v1/webhooks")
                .path("post")
                .path("responses")
                .path("403")
                .path("content")
                .path("application/problem+json")
                .path("examples")
                .has("plan_limit_reached"))
        .isTrue();
  }

  @Test
  void the_problem_schema_has_a_code_and_the_wrong_fields() {
    JsonNode problem = served().path("components").path("schemas").path("Problem");

    assertThat(problem.path("properties").has("code")).isTrue();
    assertThat(problem.path("properties").path("errors").path("items").path("$ref").asString())
        .isEqualTo("#/components/schemas/FieldError");
  }

  @Test
  void a_webhook_response_has_a_schema_with_its_fields_and_no_secret() {
    JsonNode webhook = served().path("components").path("schemas").path("Webhook");

    assertThat(webhook.path("properties").has("url")).isTrue();
    assertThat(webhook.path("properties").has("createdAt")).isTrue();
    assertThat(webhook.path("properties").has("secret")).isFalse();
  }
}
