package com.verk.server.reliability;

import com.verk.server.testing.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One organization's objects, made through the public API: a webhook (pointing at a closed port, so
 * its deliveries just fail quietly), a project, a task (which queues a delivery), the delivery and
 * the key's id. Objects whose API this build lacks stay null.
 */
record Fixtures(
    Api api, String webhookId, String projectId, String taskId, String deliveryId, String keyId) {

  static Fixtures create(Api api) {
    String webhook =
        idOf(
            api.post(
                "/v1/webhooks",
                Map.of(
                    "url",
                    "http://127.0.0.1:9/fixture",
                    "events",
                    List.of("task.created", "task.updated"))));
    String project = idOf(api.post("/v1/projects", Map.of("name", "Fixture project")));
    String task =
        project == null
            ? null
            : idOf(api.post("/v1/tasks", Map.of("title", "Fixture task", "projectId", project)));
    String delivery = null;
    if (webhook != null) {
      Api.Result list = api.get("/v1/webhooks/" + webhook + "/deliveries");
      if (list.status() == 200 && !list.json().path("data").isEmpty()) {
        delivery = list.json().path("data").get(0).path("id").asString();
      }
    }
    String key = null;
    Api.Result keys = api.get("/v1/api-keys");
    if (keys.status() == 200 && !keys.json().path("data").isEmpty()) {
      key = keys.json().path("data").get(0).path("id").asString();
    }
    return new Fixtures(api, webhook, project, task, delivery, key);
  }

  /** Every id this organization owns (to look for in another organization's responses). */
  List<String> ids() {
    List<String> out = new ArrayList<>();
    for (String id : new String[] {webhookId, projectId, taskId, deliveryId, keyId}) {
      if (id != null) {
        out.add(id);
      }
    }
    return out;
  }

  private static String idOf(Api.Result result) {
    if (result.status() != 201) {
      return null;
    }
    JsonNode id = result.json().path("id");
    return id.isString() ? id.asString() : null;
  }
}
