package com.verk.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.SqliteServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventTypesApiTest extends SqliteServerTest {

  @Test
  void any_valid_key_reads_the_catalog_of_fifteen_event_types() {
    Api owner = newTenant("free").api();
    String narrowKey =
        owner
            .post("/v1/api-keys", Map.of("name", "ws", "scopes", List.of("workspace:read")))
            .json()
            .path("key")
            .asString();

    Api.Result result = owner.withToken(narrowKey).get("/v1/event-types");

    assertThat(result.status()).isEqualTo(200);
    JsonNode data = result.json().path("data");
    assertThat(data.size()).as("the spec's fifteen and three operational types").isEqualTo(18);
    List<String> names = new ArrayList<>();
    data.forEach(e -> names.add(e.path("name").asString()));
    assertThat(names)
        .contains(
            "task.created",
            "task.completed",
            "member.role_changed",
            "comment.deleted",
            "file.uploaded",
            "file.deleted");
    JsonNode taskCreated = data.get(0);
    assertThat(taskCreated.path("name").asString()).isEqualTo("task.created");
    assertThat(taskCreated.path("group").asString()).isEqualTo("Task");
    assertThat(taskCreated.path("description").asString()).isNotBlank();
    assertThat(taskCreated.path("schema").path("type").asString()).isEqualTo("object");
    assertThat(taskCreated.path("sample").path("title").isString()).isTrue();
    List<String> webhookGroup = new ArrayList<>();
    data.forEach(
        e -> {
          if (e.path("group").asString().equals("Webhook")) {
            webhookGroup.add(e.path("name").asString());
          }
        });
    assertThat(webhookGroup)
        .containsExactly("webhook.failing", "webhook.disabled", "webhook.recovered");
    assertThat(names.subList(0, 15)).doesNotContain("webhook.failing");
    JsonNode disabled = data.get(16);
    assertThat(disabled.path("schema").path("required").toString())
        .contains("webhookId", "url", "description", "reason", "lastError", "failedAttempts");
  }

  @Test
  void the_catalog_needs_a_key() {
    assertThat(anonymous().get("/v1/event-types").status()).isEqualTo(401);
  }
}
