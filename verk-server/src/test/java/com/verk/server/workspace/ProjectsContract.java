package com.verk.server.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.ServerTest.Tenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** /v1/projects and its events, on both databases. */
interface ProjectsContract extends WorkspaceAccess {

  @Test
  default void creating_a_project_answers_201_and_emits_project_created_with_its_data() {
    Tenant t = newTenant("free");

    Api.Result created =
        t.api().post("/v1/projects", Map.of("name", "Website", "description", "New site"));

    assertThat(created.status()).isEqualTo(201);
    JsonNode project = created.json();
    assertThat(project.path("id").asString()).startsWith("proj_");
    assertThat(project.path("creatorId").asString()).isEqualTo(ownerId(t.orgId()));
    JsonNode data = single(t.orgId(), "project.created");
    assertThat(data).isEqualTo(project);
    assertThat(data.path("name").asString()).isEqualTo("Website");
    assertThat(data.path("description").asString()).isEqualTo("New site");
    assertThat(data.path("createdAt").asString()).endsWith("Z");
  }

  @Test
  default void a_project_without_a_name_is_refused_naming_the_field_and_nothing_is_written() {
    Tenant t = newTenant("free");

    Api.Result blank = t.api().post("/v1/projects", Map.of("name", "  "));
    Api.Result tooLong = t.api().post("/v1/projects", Map.of("name", "x".repeat(201)));
    Api.Result unknown = t.api().post("/v1/projects", Map.of("name", "A", "colour", "red"));

    assertThat(blank.status()).as(blank.body()).isEqualTo(400);
    assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(400);
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
    assertThat(blank.json().path("errors").path(0).path("field").asString()).isEqualTo("name");
    assertThat(tooLong.json().path("errors").path(0).path("field").asString()).isEqualTo("name");
    assertThat(unknown.json().path("errors").path(0).path("field").asString()).isEqualTo("colour");
    assertThat(count("projects", t.orgId())).isZero();
    assertThat(events(t.orgId())).isEmpty();
  }

  @Test
  default void projects_are_listed_in_pages_and_fetched_one_by_one() {
    Tenant t = newTenant("free");
    for (int i = 0; i < 3; i++) {
      t.api().post("/v1/projects", Map.of("name", "P" + i));
    }

    JsonNode first = t.api().get("/v1/projects?limit=2").json();
    JsonNode second =
        t.api().get("/v1/projects?limit=2&cursor=" + first.path("nextCursor").asString()).json();
    String id = first.path("data").get(0).path("id").asString();

    assertThat(first.path("data")).hasSize(2);
    assertThat(second.path("data")).hasSize(1);
    assertThat(second.path("nextCursor").isNull()).isTrue();
    assertThat(t.api().get("/v1/projects/" + id).json()).isEqualTo(first.path("data").get(0));
    assertThat(second.path("data").get(0).path("id").asString())
        .isNotIn(
            first.path("data").get(0).path("id").asString(),
            first.path("data").get(1).path("id").asString());
    assertThat(t.api().get("/v1/projects?limit=0").status()).isEqualTo(400);
    assertThat(t.api().get("/v1/projects?cursor=%21%21").status()).isEqualTo(400);
  }

  @Test
  default void another_organizations_project_is_not_found() {
    Tenant owner = newTenant("free");
    Tenant other = newTenant("free");
    String id =
        owner.api().post("/v1/projects", Map.of("name", "Secret")).json().path("id").asString();

    assertThat(other.api().get("/v1/projects/" + id).status()).isEqualTo(404);
    assertThat(other.api().patch("/v1/projects/" + id, Map.of("name", "Mine")).status())
        .isEqualTo(404);
    assertThat(other.api().delete("/v1/projects/" + id).status()).isEqualTo(404);
    assertThat(other.api().get("/v1/projects").json().path("data")).isEmpty();
    assertThat(events(other.orgId())).isEmpty();
  }

  @Test
  default void patching_a_project_emits_project_updated_and_a_no_op_patch_emits_nothing() {
    Tenant t = newTenant("free");
    String id =
        t.api()
            .post("/v1/projects", Map.of("name", "Site", "description", "old"))
            .json()
            .path("id")
            .asString();
    Map<String, Object> clear = new HashMap<>();
    clear.put("description", null);

    Api.Result renamed = t.api().patch("/v1/projects/" + id, Map.of("name", "Site 2"));
    Api.Result cleared = t.api().patch("/v1/projects/" + id, clear);
    Api.Result same = t.api().patch("/v1/projects/" + id, Map.of("name", "Site 2"));
    Map<String, Object> nullName = new HashMap<>();
    nullName.put("name", null);
    Api.Result refused = t.api().patch("/v1/projects/" + id, nullName);

    assertThat(renamed.json().path("name").asString()).isEqualTo("Site 2");
    assertThat(cleared.json().path("description").isNull()).isTrue();
    assertThat(same.status()).isEqualTo(200);
    assertThat(refused.status()).isEqualTo(400);
    List<JsonNode> updates = events(t.orgId(), "project.updated");
    assertThat(updates).hasSize(2);
    assertThat(updates).anySatisfy(d -> assertThat(d.path("description").isNull()).isTrue());
  }

  @Test
  default void deleting_a_project_deletes_its_tasks_with_their_comments_and_files_in_one_go() {
    Tenant t = newTenant("free");
    String project =
        t.api().post("/v1/projects", Map.of("name", "Doomed")).json().path("id").asString();
    String keep = t.api().post("/v1/projects", Map.of("name", "Kept")).json().path("id").asString();
    String task1 = task(t, project, "One");
    task(t, project, "Two");
    String kept = task(t, keep, "Stays");
    t.api().post("/v1/tasks/" + task1 + "/comments", Map.of("body", "hi"));
    String file =
        upload(t.api(), "a.txt", "text/plain", "abc".getBytes(), task1)
            .json()
            .path("id")
            .asString();

    Api.Result deleted = t.api().delete("/v1/projects/" + project);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(t.api().get("/v1/projects/" + project).status()).isEqualTo(404);
    assertThat(t.api().get("/v1/tasks/" + task1).status()).isEqualTo(404);
    assertThat(t.api().get("/v1/files/" + file).status()).isEqualTo(404);
    assertThat(t.api().get("/v1/tasks/" + kept).status()).isEqualTo(200);
    assertThat(events(t.orgId(), "task.deleted"))
        .extracting(d -> d.path("title").asString())
        .containsExactlyInAnyOrder("One", "Two");
    assertThat(events(t.orgId(), "task.deleted"))
        .allSatisfy(d -> assertThat(d.path("deletedAt").asString()).endsWith("Z"));
    assertThat(events(t.orgId(), "comment.deleted")).hasSize(1);
    assertThat(events(t.orgId(), "file.deleted")).hasSize(1);
    JsonNode data = single(t.orgId(), "project.deleted");
    assertThat(data.path("id").asString()).isEqualTo(project);
    assertThat(data.path("name").asString()).isEqualTo("Doomed");
    assertThat(data.path("deletedAt").asString()).endsWith("Z");
  }

  private String task(Tenant t, String projectId, String title) {
    return t.api()
        .post("/v1/tasks", Map.of("title", title, "projectId", projectId))
        .json()
        .path("id")
        .asString();
  }
}
