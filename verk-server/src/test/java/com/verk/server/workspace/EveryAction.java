package com.verk.server.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.events.EventCatalog;
import com.verk.server.events.EventType;
import com.verk.server.testing.ServerTest.Tenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** One workspace action of every kind, and a check of event data against the catalog's schemas. */
interface EveryAction extends WorkspaceAccess {

  /** Performs one action of each kind; returns nothing, the outbox is the result. */
  default void performEveryAction(Tenant t) {
    String project =
        t.api().post("/v1/projects", Map.of("name", "Website")).json().path("id").asString();
    t.api().patch("/v1/projects/" + project, Map.of("description", "New marketing site"));
    String ada =
        t.api()
            .post(
                "/v1/members", Map.of("email", "ada@example.com", "name", "Ada", "role", "member"))
            .json()
            .path("id")
            .asString();
    t.api().patch("/v1/members/" + ada, Map.of("role", "admin"));
    String task =
        t.api()
            .post(
                "/v1/tasks",
                Map.of(
                    "title",
                    "Login",
                    "projectId",
                    project,
                    "assigneeId",
                    ada,
                    "dueDate",
                    "2024-02-01"))
            .json()
            .path("id")
            .asString();
    t.api().patch("/v1/tasks/" + task, Map.of("status", "done"));
    String comment =
        t.api()
            .post("/v1/tasks/" + task + "/comments", Map.of("body", "Looks good"))
            .json()
            .path("id")
            .asString();
    t.api().patch("/v1/comments/" + comment, Map.of("body", "Looks great"));
    t.api().delete("/v1/comments/" + comment);
    String file =
        upload(t.api(), "mockup.png", "image/png", new byte[] {1, 2, 3}, task)
            .json()
            .path("id")
            .asString();
    t.api().delete("/v1/files/" + file);
    t.api().delete("/v1/members/" + ada);
    Map<String, Object> clear = new HashMap<>();
    clear.put("dueDate", null);
    t.api().patch("/v1/tasks/" + task, clear);
    t.api().delete("/v1/tasks/" + task);
    t.api().delete("/v1/projects/" + project);
  }

  /** Checks each value against the catalog's JSON Schema: type, nullability and enum. */
  @SuppressWarnings("unchecked")
  default void conformsToSchema(Event e) {
    EventType type = EventType.fromWireName(e.type()).orElseThrow();
    Map<String, Object> properties =
        (Map<String, Object>) EventCatalog.get(type).schema().get("properties");
    for (var property : properties.entrySet()) {
      Map<String, Object> schema = (Map<String, Object>) property.getValue();
      JsonNode value = e.data().path(property.getKey());
      Object declared = schema.get("type");
      List<Object> types = declared instanceof List<?> l ? (List<Object>) l : List.of(declared);
      String actual =
          value.isNull()
              ? "null"
              : value.isString() ? "string" : value.isIntegralNumber() ? "integer" : "object";
      assertThat(types).as(e.type() + "." + property.getKey()).contains(actual);
      if (schema.containsKey("enum") && !value.isNull()) {
        assertThat((List<Object>) schema.get("enum"))
            .as(e.type() + "." + property.getKey())
            .contains(value.asString());
      }
    }
  }
}
