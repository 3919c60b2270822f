package com.verk.server.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;

import com.verk.server.events.EventPublisher;
import com.verk.server.events.EventType;
import com.verk.server.testing.Api;
import com.verk.server.testing.ServerTest.Tenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * When publishing an event fails after the change was written, the whole action rolls back: no row,
 * no event, no delivery, no stray file bytes, and the client gets an error, never a 2xx.
 */
interface RollbackContract extends WorkspaceAccess {

  /** The outbox writer, spied so that a test can make it fail for one organization. */
  EventPublisher publisher();

  Path dataDir();

  default void failOn(String orgId, EventType type) {
    doThrow(new IllegalStateException("forced outbox failure"))
        .when(publisher())
        .publish(eq(orgId), eq(type), any());
  }

  default List<Path> storedFiles() {
    try (Stream<Path> files = Files.walk(dataDir().resolve("files"))) {
      return files.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  default void a_task_whose_event_cannot_be_written_is_not_created() {
    Tenant t = newTenant("free");
    String hook = subscribe(t.orgId(), "task.created");
    String project = t.api().post("/v1/projects", Map.of("name", "P")).json().path("id").asString();
    failOn(t.orgId(), EventType.TASK_CREATED);

    Api.Result failed = t.api().post("/v1/tasks", Map.of("title", "T", "projectId", project));

    assertThat(failed.status()).isEqualTo(500);
    assertThat(count("tasks", t.orgId())).isZero();
    assertThat(events(t.orgId(), "task.created")).isEmpty();
    assertThat(deliveries(hook)).isEmpty();
  }

  @Test
  default void
      a_project_deletion_failing_at_its_last_event_keeps_the_project_its_tasks_and_comments() {
    Tenant t = newTenant("free");
    String hook = subscribe(t.orgId(), "task.deleted", "comment.deleted", "project.deleted");
    String project = t.api().post("/v1/projects", Map.of("name", "P")).json().path("id").asString();
    String task =
        t.api()
            .post("/v1/tasks", Map.of("title", "T", "projectId", project))
            .json()
            .path("id")
            .asString();
    t.api().post("/v1/tasks/" + task + "/comments", Map.of("body", "c"));
    failOn(t.orgId(), EventType.PROJECT_DELETED);

    Api.Result failed = t.api().delete("/v1/projects/" + project);

    assertThat(failed.status()).isEqualTo(500);
    assertThat(t.api().get("/v1/projects/" + project).status()).isEqualTo(200);
    assertThat(t.api().get("/v1/tasks/" + task).status()).isEqualTo(200);
    assertThat(count("comments", t.orgId())).isEqualTo(1);
    assertThat(events(t.orgId(), "task.deleted")).isEmpty();
    assertThat(events(t.orgId(), "comment.deleted")).isEmpty();
    assertThat(deliveries(hook)).isEmpty();
  }

  @Test
  default void an_upload_whose_event_cannot_be_written_leaves_neither_a_row_nor_bytes() {
    Tenant t = newTenant("free");
    List<Path> before = storedFiles();
    failOn(t.orgId(), EventType.FILE_UPLOADED);

    Api.Result failed = upload(t.api(), "a.txt", "text/plain", "abc".getBytes(), null);

    assertThat(failed.status()).isEqualTo(500);
    assertThat(count("files", t.orgId())).isZero();
    assertThat(storedFiles()).containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  default void a_file_deletion_that_rolls_back_keeps_the_bytes() {
    Tenant t = newTenant("free");
    String id =
        upload(t.api(), "a.txt", "text/plain", "abc".getBytes(), null).json().path("id").asString();
    failOn(t.orgId(), EventType.FILE_DELETED);

    Api.Result failed = t.api().delete("/v1/files/" + id);

    assertThat(failed.status()).isEqualTo(500);
    assertThat(download(t.api(), id).body()).isEqualTo("abc".getBytes());
    assertThat(events(t.orgId(), "file.deleted")).isEmpty();
  }

  @Test
  default void a_member_removal_that_rolls_back_keeps_the_member_and_their_assignments() {
    Tenant t = newTenant("free");
    String ada =
        t.api()
            .post(
                "/v1/members", Map.of("email", "ada@example.com", "name", "Ada", "role", "member"))
            .json()
            .path("id")
            .asString();
    String project = t.api().post("/v1/projects", Map.of("name", "P")).json().path("id").asString();
    String task =
        t.api()
            .post("/v1/tasks", Map.of("title", "T", "projectId", project, "assigneeId", ada))
            .json()
            .path("id")
            .asString();
    failOn(t.orgId(), EventType.MEMBER_REMOVED);

    Api.Result failed = t.api().delete("/v1/members/" + ada);

    assertThat(failed.status()).isEqualTo(500);
    assertThat(t.api().get("/v1/members/" + ada).status()).isEqualTo(200);
    assertThat(t.api().get("/v1/tasks/" + task).json().path("assigneeId").asString())
        .isEqualTo(ada);
    assertThat(events(t.orgId(), "task.updated")).isEmpty();
  }
}
