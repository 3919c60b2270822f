package com.verk.server.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.ServerTest.Tenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** /v1/tasks and the task events, on both databases. */
interface TasksContract extends WorkspaceAccess {

  default String project(Tenant t, String name) {
    return t.api().post("/v1/projects", Map.of("name", name)).json().path("id").asString();
  }

  default String member(Tenant t, String name) {
    return t.api()
        .post(
            "/v1/members",
            Map.of("email", name.toLowerCase() + "@example.com", "name", name, "role", "member"))
        .json()
        .path("id")
        .asString();
  }

  @Test
  default void a_new_task_has_defaults_and_task_created_carries_every_documented_field() {
    Tenant t = newTenant("free");
    String project = project(t, "Website");

    Api.Result created =
        t.api().post("/v1/tasks", Map.of("title", "Implement login", "projectId", project));

    assertThat(created.status()).isEqualTo(201);
    JsonNode data = single(t.orgId(), "task.created");
    assertThat(data).isEqualTo(created.json());
    assertThat(data.path("id").asString()).startsWith("task_");
    assertThat(data.path("status").asString()).isEqualTo("todo");
    assertThat(data.path("priority").asString()).isEqualTo("medium");
    assertThat(data.path("projectId").asString()).isEqualTo(project);
    assertThat(data.path("projectName").asString()).isEqualTo("Website");
    assertThat(data.path("creatorId").asString()).isEqualTo(ownerId(t.orgId()));
    assertThat(data.propertyNames())
        .containsExactly(
            "id",
            "title",
            "description",
            "status",
            "priority",
            "projectId",
            "projectName",
            "assigneeId",
            "assigneeName",
            "creatorId",
            "dueDate",
            "createdAt",
            "updatedAt",
            "completedAt");
    assertThat(data.path("assigneeId").isNull()).isTrue();
    assertThat(data.path("completedAt").isNull()).isTrue();
  }

  @Test
  default void a_task_with_every_field_names_its_assignee_and_due_date() {
    Tenant t = newTenant("free");
    String project = project(t, "Website");
    String ada = member(t, "Ada");

    JsonNode task =
        t.api()
            .post(
                "/v1/tasks",
                Map.of(
                    "title",
                    "Login",
                    "projectId",
                    project,
                    "description",
                    "OAuth",
                    "status",
                    "in_progress",
                    "priority",
                    "urgent",
                    "assigneeId",
                    ada,
                    "dueDate",
                    "2024-02-29"))
            .json();

    assertThat(task.path("assigneeId").asString()).isEqualTo(ada);
    assertThat(task.path("assigneeName").asString()).isEqualTo("Ada");
    assertThat(task.path("dueDate").asString()).isEqualTo("2024-02-29");
    assertThat(task.path("priority").asString()).isEqualTo("urgent");
    assertThat(task.path("status").asString()).isEqualTo("in_progress");
    assertThat(t.api().get("/v1/tasks/" + task.path("id").asString()).json())
        .as("the 201 answer (built without reading the task back) is what is stored")
        .isEqualTo(task);
  }

  @Test
  default void invalid_tasks_are_refused_naming_the_field_and_write_nothing() {
    Tenant t = newTenant("free");
    Tenant other = newTenant("free");
    String project = project(t, "Website");
    String foreignProject = project(other, "Theirs");
    String foreignMember = ownerId(other.orgId());
    long eventsBefore = events(t.orgId()).size();

    Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
    cases.put("title", Map.of("projectId", project));
    cases.put("projectId", Map.of("title", "T"));
    cases.put("status", Map.of("title", "T", "projectId", project, "status", "blocked"));
    cases.put("priority", Map.of("title", "T", "projectId", project, "priority", "p0"));
    cases.put("dueDate", Map.of("title", "T", "projectId", project, "dueDate", "2024-02-30"));
    cases.put(
        "assigneeId", Map.of("title", "T", "projectId", project, "assigneeId", foreignMember));
    cases.put(
        "description",
        Map.of("title", "T", "projectId", project, "description", "x".repeat(10_001)));
    for (var c : cases.entrySet()) {
      Api.Result refused = t.api().post("/v1/tasks", c.getValue());
      assertThat(refused.status()).as(c.getKey()).isEqualTo(400);
      assertThat(refused.json().path("errors").path(0).path("field").asString())
          .as(refused.body())
          .isEqualTo(c.getKey());
    }
    Api.Result foreign =
        t.api().post("/v1/tasks", Map.of("title", "T", "projectId", foreignProject));

    assertThat(foreign.status()).isEqualTo(400);
    assertThat(foreign.json().path("errors").path(0).path("field").asString())
        .isEqualTo("projectId");
    assertThat(count("tasks", t.orgId())).isZero();
    assertThat(events(t.orgId())).hasSize((int) eventsBefore);
  }

  @Test
  default void patching_a_task_reports_exactly_the_changed_fields_and_null_clears_them() {
    Tenant t = newTenant("free");
    String project = project(t, "Website");
    String ada = member(t, "Ada");
    String id =
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
                    "2024-03-01"))
            .json()
            .path("id")
            .asString();
    Map<String, Object> patch = new HashMap<>();
    patch.put("priority", "high");
    patch.put("title", "Login");
    patch.put("assigneeId", null);
    patch.put("dueDate", null);

    JsonNode updated = t.api().patch("/v1/tasks/" + id, patch).json();
    Api.Result noop =
        t.api().patch("/v1/tasks/" + id, Map.of("priority", "high", "title", "Login"));

    assertThat(updated.path("assigneeId").isNull()).isTrue();
    assertThat(updated.path("assigneeName").isNull()).isTrue();
    assertThat(updated.path("dueDate").isNull()).isTrue();
    assertThat(noop.status()).isEqualTo(200);
    JsonNode data = single(t.orgId(), "task.updated");
    JsonNode changes = data.path("changes");
    assertThat(changes.propertyNames())
        .containsExactlyInAnyOrder("priority", "assigneeId", "dueDate");
    assertThat(changes.path("priority").path("from").asString()).isEqualTo("medium");
    assertThat(changes.path("priority").path("to").asString()).isEqualTo("high");
    assertThat(changes.path("assigneeId").path("from").asString()).isEqualTo(ada);
    assertThat(changes.path("assigneeId").path("to").isNull()).isTrue();
    assertThat(changes.path("dueDate").path("from").asString()).isEqualTo("2024-03-01");
    assertThat(data.path("priority").asString()).isEqualTo("high");
    assertThat(events(t.orgId(), "task.completed")).isEmpty();
  }

  @Test
  default void
      completing_a_task_emits_task_updated_and_task_completed_and_reopening_clears_completed_at() {
    Tenant t = newTenant("free");
    String id =
        t.api()
            .post("/v1/tasks", Map.of("title", "Ship", "projectId", project(t, "Website")))
            .json()
            .path("id")
            .asString();

    JsonNode done = t.api().patch("/v1/tasks/" + id, Map.of("status", "done")).json();
    JsonNode completed = single(t.orgId(), "task.completed");
    JsonNode reopened = t.api().patch("/v1/tasks/" + id, Map.of("status", "in_progress")).json();

    assertThat(done.path("completedAt").asString()).endsWith("Z");
    assertThat(completed.path("status").asString()).isEqualTo("done");
    assertThat(completed.path("completedAt").asString())
        .isEqualTo(done.path("completedAt").asString());
    assertThat(completed.has("changes")).isFalse();
    assertThat(reopened.path("completedAt").isNull()).isTrue();
    List<JsonNode> updates = events(t.orgId(), "task.updated");
    assertThat(updates).hasSize(2);
    assertThat(updates)
        .anySatisfy(
            d ->
                assertThat(d.path("changes").path("status").path("to").asString())
                    .isEqualTo("done"));
    assertThat(events(t.orgId(), "task.completed")).hasSize(1);
  }

  @Test
  default void concurrent_completions_of_one_task_emit_task_completed_once() throws Exception {
    Tenant t = newTenant("free");
    String id =
        t.api()
            .post("/v1/tasks", Map.of("title", "Race", "projectId", project(t, "P")))
            .json()
            .path("id")
            .asString();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    var start = new java.util.concurrent.CountDownLatch(1);
    try {
      List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return t.api().patch("/v1/tasks/" + id, Map.of("status", "done")).status();
                }));
      }
      start.countDown();
      for (var result : results) {
        assertThat(result.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(events(t.orgId(), "task.completed")).hasSize(1);
    assertThat(events(t.orgId(), "task.updated")).hasSize(1);
  }

  @Test
  default void tasks_are_filtered_by_project_status_and_assignee() {
    Tenant t = newTenant("free");
    String p1 = project(t, "One");
    String p2 = project(t, "Two");
    String ada = member(t, "Ada");
    t.api().post("/v1/tasks", Map.of("title", "a", "projectId", p1, "assigneeId", ada));
    t.api().post("/v1/tasks", Map.of("title", "b", "projectId", p1, "status", "done"));
    t.api().post("/v1/tasks", Map.of("title", "c", "projectId", p2));

    assertThat(titles(t, "?projectId=" + p1)).containsExactlyInAnyOrder("a", "b");
    assertThat(titles(t, "?status=done")).containsExactly("b");
    assertThat(titles(t, "?assigneeId=" + ada)).containsExactly("a");
    assertThat(titles(t, "?projectId=" + p1 + "&status=todo")).containsExactly("a");
    assertThat(titles(t, "?limit=2")).hasSize(2);
    assertThat(t.api().get("/v1/tasks?status=later").status()).isEqualTo(400);
    assertThat(
            t.api()
                .get("/v1/tasks?limit=many")
                .json()
                .path("errors")
                .path(0)
                .path("field")
                .asString())
        .isEqualTo("limit");
  }

  @Test
  default void a_task_created_as_done_is_completed_at_once() {
    Tenant t = newTenant("free");

    JsonNode task =
        t.api()
            .post(
                "/v1/tasks", Map.of("title", "Old", "projectId", project(t, "P"), "status", "done"))
            .json();

    assertThat(task.path("completedAt").asString()).endsWith("Z");
    assertThat(single(t.orgId(), "task.completed").path("id").asString())
        .isEqualTo(task.path("id").asString());
  }

  @Test
  default void
      deleting_a_task_emits_task_deleted_with_its_last_state_and_foreign_ids_are_not_found() {
    Tenant t = newTenant("free");
    Tenant other = newTenant("free");
    String id =
        t.api()
            .post("/v1/tasks", Map.of("title", "Gone", "projectId", project(t, "P")))
            .json()
            .path("id")
            .asString();

    assertThat(other.api().get("/v1/tasks/" + id).status()).isEqualTo(404);
    assertThat(other.api().patch("/v1/tasks/" + id, Map.of("title", "x")).status()).isEqualTo(404);
    assertThat(other.api().delete("/v1/tasks/" + id).status()).isEqualTo(404);
    Api.Result deleted = t.api().delete("/v1/tasks/" + id);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(t.api().get("/v1/tasks/" + id).status()).isEqualTo(404);
    JsonNode data = single(t.orgId(), "task.deleted");
    assertThat(data.path("id").asString()).isEqualTo(id);
    assertThat(data.path("title").asString()).isEqualTo("Gone");
    assertThat(data.path("deletedAt").asString()).endsWith("Z");
    assertThat(events(other.orgId())).isEmpty();
  }

  private List<String> titles(Tenant t, String query) {
    JsonNode data = t.api().get("/v1/tasks" + query).json().path("data");
    List<String> titles = new java.util.ArrayList<>();
    data.forEach(n -> titles.add(n.path("title").asString()));
    return titles;
  }
}
