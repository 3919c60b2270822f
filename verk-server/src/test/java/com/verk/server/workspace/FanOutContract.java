package com.verk.server.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.ServerTest.Tenant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Workspace events reach the outbox of their own organization only, fan out to exactly the
 * subscribed webhooks, and need the workspace scopes. On both databases.
 */
interface FanOutContract extends WorkspaceAccess {

  @Test
  default void
      an_event_is_queued_once_for_each_webhook_of_its_organization_subscribed_to_its_type() {
    Tenant t = newTenant("pro");
    Tenant other = newTenant("pro");
    String tasks = subscribe(t.orgId(), "task.created", "project.created");
    String members = subscribe(t.orgId(), "member.added");
    String theirs = subscribe(other.orgId(), "task.created", "project.created", "member.added");
    String disabled = subscribe(t.orgId(), "task.created");
    jdbc().sql("UPDATE webhooks SET active = FALSE WHERE id = ?").param(disabled).update();

    String project = t.api().post("/v1/projects", Map.of("name", "P")).json().path("id").asString();
    t.api().post("/v1/tasks", Map.of("title", "T", "projectId", project));

    assertThat(deliveries(tasks)).containsExactly("project.created", "task.created");
    assertThat(deliveries(members)).isEmpty();
    assertThat(deliveries(theirs)).isEmpty();
    assertThat(
            jdbc()
                .sql("SELECT status FROM deliveries WHERE webhook_id = ?")
                .param(disabled)
                .query(String.class)
                .list())
        .containsExactly("skipped");
    assertThat(events(other.orgId())).isEmpty();
  }

  @Test
  default void a_refused_action_writes_no_event_and_queues_no_delivery() {
    Tenant t = newTenant("free");
    String hook =
        subscribe(t.orgId(), "task.created", "project.created", "member.added", "comment.created");
    String project = t.api().post("/v1/projects", Map.of("name", "P")).json().path("id").asString();
    long eventsBefore = events(t.orgId()).size();

    assertThat(t.api().post("/v1/tasks", Map.of("title", "", "projectId", project)).status())
        .isEqualTo(400);
    assertThat(t.api().post("/v1/projects", Map.of("name", "")).status()).isEqualTo(400);
    assertThat(
            t.api()
                .post("/v1/members", Map.of("email", "x", "name", "X", "role", "member"))
                .status())
        .isEqualTo(400);
    assertThat(t.api().post("/v1/tasks/task_nope/comments", Map.of("body", "b")).status())
        .isEqualTo(404);

    assertThat(events(t.orgId())).hasSize((int) eventsBefore);
    assertThat(deliveries(hook)).containsExactly("project.created");
  }

  @Test
  default void a_read_only_key_reads_but_cannot_change_the_workspace() {
    Tenant t = newTenant("free");
    String project = t.api().post("/v1/projects", Map.of("name", "P")).json().path("id").asString();
    Api reader = keyWithScopes(t, "workspace:read");
    long eventsBefore = events(t.orgId()).size();

    assertThat(reader.get("/v1/projects").status()).isEqualTo(200);
    assertThat(reader.get("/v1/projects/" + project).status()).isEqualTo(200);
    assertThat(reader.get("/v1/tasks").status()).isEqualTo(200);
    assertThat(reader.get("/v1/members").status()).isEqualTo(200);
    for (Api.Result refused :
        new Api.Result[] {
          reader.post("/v1/projects", Map.of("name", "Q")),
          reader.patch("/v1/projects/" + project, Map.of("name", "Q")),
          reader.delete("/v1/projects/" + project),
          reader.post("/v1/tasks", Map.of("title", "T", "projectId", project)),
          reader.post("/v1/members", Map.of("email", "a@b.co", "name", "A", "role", "member")),
          upload(reader, "a.txt", "text/plain", "a".getBytes(), null)
        }) {
      assertThat(refused.status()).as(refused.body()).isEqualTo(403);
      assertThat(refused.code()).isEqualTo("insufficient_scope");
      assertThat(refused.json().path("scope").asString()).isEqualTo("workspace:write");
    }
    assertThat(events(t.orgId())).hasSize((int) eventsBefore);
    assertThat(count("files", t.orgId())).isZero();
  }

  @Test
  default void a_key_without_workspace_scopes_cannot_read_it() {
    Tenant t = newTenant("free");
    Api webhooksOnly = keyWithScopes(t, "webhooks:write");

    Api.Result refused = webhooksOnly.get("/v1/tasks");

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("scope").asString()).isEqualTo("workspace:read");
  }
}
