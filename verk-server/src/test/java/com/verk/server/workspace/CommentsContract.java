package com.verk.server.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.ServerTest.Tenant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Comments on tasks and their events, on both databases. */
interface CommentsContract extends WorkspaceAccess {

  default String newTask(Tenant t) {
    String project = t.api().post("/v1/projects", Map.of("name", "P")).json().path("id").asString();
    return t.api()
        .post("/v1/tasks", Map.of("title", "T", "projectId", project))
        .json()
        .path("id")
        .asString();
  }

  @Test
  default void commenting_on_a_task_emits_comment_created_by_the_acting_member() {
    Tenant t = newTenant("free");
    String task = newTask(t);

    Api.Result created =
        t.api().post("/v1/tasks/" + task + "/comments", Map.of("body", "Looks good"));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("id").asString()).startsWith("comment_");
    JsonNode data = single(t.orgId(), "comment.created");
    assertThat(data).isEqualTo(created.json());
    assertThat(data.propertyNames())
        .containsExactly("id", "taskId", "authorId", "body", "createdAt", "updatedAt");
    assertThat(data.path("taskId").asString()).isEqualTo(task);
    assertThat(data.path("authorId").asString()).isEqualTo(ownerId(t.orgId()));
    JsonNode list = t.api().get("/v1/tasks/" + task + "/comments").json();
    assertThat(list.path("data")).hasSize(1);
    assertThat(list.path("nextCursor").isNull()).isTrue();
  }

  @Test
  default void the_author_is_the_member_owning_the_key_used() {
    Tenant t = newTenant("free");
    String task = newTask(t);
    String ada =
        t.api()
            .post(
                "/v1/members", Map.of("email", "ada@example.com", "name", "Ada", "role", "member"))
            .json()
            .path("id")
            .asString();

    JsonNode comment =
        keyOf(t, ada, "workspace:write")
            .post("/v1/tasks/" + task + "/comments", Map.of("body", "mine"))
            .json();

    assertThat(comment.path("authorId").asString()).isEqualTo(ada);
    assertThat(single(t.orgId(), "comment.created").path("authorId").asString()).isEqualTo(ada);
  }

  @Test
  default void editing_and_deleting_a_comment_emit_their_events_and_an_unchanged_edit_none() {
    Tenant t = newTenant("free");
    String task = newTask(t);
    String id =
        t.api()
            .post("/v1/tasks/" + task + "/comments", Map.of("body", "first"))
            .json()
            .path("id")
            .asString();

    Api.Result edited = t.api().patch("/v1/comments/" + id, Map.of("body", "second"));
    Api.Result unchanged = t.api().patch("/v1/comments/" + id, Map.of("body", "second"));
    Api.Result deleted = t.api().delete("/v1/comments/" + id);

    assertThat(edited.json().path("body").asString()).isEqualTo("second");
    assertThat(unchanged.status()).isEqualTo(200);
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(t.api().get("/v1/comments/" + id).status()).isEqualTo(404);
    assertThat(single(t.orgId(), "comment.updated").path("body").asString()).isEqualTo("second");
    JsonNode gone = single(t.orgId(), "comment.deleted");
    assertThat(gone.path("id").asString()).isEqualTo(id);
    assertThat(gone.path("deletedAt").asString()).endsWith("Z");
  }

  @Test
  default void an_empty_comment_or_an_unknown_task_is_refused_and_writes_nothing() {
    Tenant t = newTenant("free");
    Tenant other = newTenant("free");
    String task = newTask(t);
    long before = events(t.orgId()).size();

    Api.Result empty = t.api().post("/v1/tasks/" + task + "/comments", Map.of("body", ""));
    Api.Result huge =
        t.api().post("/v1/tasks/" + task + "/comments", Map.of("body", "x".repeat(10_001)));
    Api.Result foreign = other.api().post("/v1/tasks/" + task + "/comments", Map.of("body", "hi"));

    assertThat(empty.json().path("errors").path(0).path("field").asString()).isEqualTo("body");
    assertThat(huge.json().path("errors").path(0).path("field").asString()).isEqualTo("body");
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(count("comments", t.orgId()) + count("comments", other.orgId())).isZero();
    assertThat(events(t.orgId())).hasSize((int) before);
    assertThat(events(other.orgId())).isEmpty();
  }

  @Test
  default void deleting_a_task_deletes_its_comments_each_with_comment_deleted() {
    Tenant t = newTenant("free");
    String task = newTask(t);
    t.api().post("/v1/tasks/" + task + "/comments", Map.of("body", "a"));
    t.api().post("/v1/tasks/" + task + "/comments", Map.of("body", "b"));

    t.api().delete("/v1/tasks/" + task);

    assertThat(events(t.orgId(), "comment.deleted")).hasSize(2);
    assertThat(count("comments", t.orgId())).isZero();
  }
}
