package com.verk.server.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.ServerTest.Tenant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** /v1/members and the member events, on both databases. */
interface MembersContract extends WorkspaceAccess {

  default Api.Result add(Tenant t, String email, String name, String role) {
    return t.api().post("/v1/members", Map.of("email", email, "name", name, "role", role));
  }

  @Test
  default void adding_a_member_answers_201_and_emits_member_added() {
    Tenant t = newTenant("free");

    Api.Result added = add(t, "Ada@Example.com", "Ada Lovelace", "admin");

    assertThat(added.status()).isEqualTo(201);
    assertThat(added.json().path("id").asString()).startsWith("user_");
    assertThat(added.json().path("email").asString()).isEqualTo("ada@example.com");
    JsonNode data = single(t.orgId(), "member.added");
    assertThat(data.propertyNames()).containsExactly("id", "email", "name", "role");
    assertThat(data.path("id").asString()).isEqualTo(added.json().path("id").asString());
    assertThat(data.path("role").asString()).isEqualTo("admin");
    assertThat(t.api().get("/v1/members").json().path("data")).hasSize(2);
  }

  @Test
  default void invalid_members_are_refused_naming_the_field_and_a_duplicate_email_conflicts() {
    Tenant t = newTenant("free");
    add(t, "ada@example.com", "Ada", "member");

    Api.Result email = add(t, "not-an-email", "Ada", "member");
    Api.Result name = add(t, "b@example.com", " ", "member");
    Api.Result role = add(t, "b@example.com", "Bob", "king");
    Api.Result duplicate = add(t, "ADA@example.com", "Ada again", "member");
    Api.Result elsewhere = add(newTenant("free"), "ada@example.com", "Ada", "member");

    assertThat(email.json().path("errors").path(0).path("field").asString()).isEqualTo("email");
    assertThat(name.json().path("errors").path(0).path("field").asString()).isEqualTo("name");
    assertThat(role.json().path("errors").path(0).path("field").asString()).isEqualTo("role");
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.code()).isEqualTo("conflict");
    assertThat(elsewhere.status()).isEqualTo(201);
    assertThat(events(t.orgId(), "member.added")).hasSize(1);
  }

  @Test
  default void changing_a_role_emits_member_role_changed_with_the_previous_role_once() {
    Tenant t = newTenant("free");
    String id = add(t, "ada@example.com", "Ada", "member").json().path("id").asString();

    Api.Result changed = t.api().patch("/v1/members/" + id, Map.of("role", "admin"));
    Api.Result same = t.api().patch("/v1/members/" + id, Map.of("role", "admin"));
    Api.Result bad = t.api().patch("/v1/members/" + id, Map.of("role", "boss"));

    assertThat(changed.json().path("role").asString()).isEqualTo("admin");
    assertThat(same.status()).isEqualTo(200);
    assertThat(bad.json().path("errors").path(0).path("field").asString()).isEqualTo("role");
    JsonNode data = single(t.orgId(), "member.role_changed");
    assertThat(data.path("role").asString()).isEqualTo("admin");
    assertThat(data.path("previousRole").asString()).isEqualTo("member");
    assertThat(data.path("email").asString()).isEqualTo("ada@example.com");
  }

  @Test
  default void no_api_key_can_make_change_or_remove_an_owner_whatever_its_scopes() {
    Tenant t = newTenant("free");
    String owner = ownerId(t.orgId());
    String ada = add(t, "ada@example.com", "Ada", "member").json().path("id").asString();

    Api.Result promoted = t.api().patch("/v1/members/" + ada, Map.of("role", "owner"));
    Api.Result addedOwner = add(t, "eve@example.com", "Eve", "owner");
    Api.Result demoted = t.api().patch("/v1/members/" + owner, Map.of("role", "admin"));
    Api.Result removed = t.api().delete("/v1/members/" + owner);

    for (Api.Result refused : java.util.List.of(promoted, addedOwner, demoted, removed)) {
      assertThat(refused.status()).as(refused.body()).isEqualTo(403);
      assertThat(refused.code()).isEqualTo("forbidden");
      assertThat(refused.json().path("detail").asString()).contains("owner");
    }
    assertThat(t.api().get("/v1/members/" + ada).json().path("role").asString())
        .isEqualTo("member");
    assertThat(t.api().get("/v1/members/" + owner).json().path("role").asString())
        .isEqualTo("owner");
    assertThat(t.api().get("/v1/members").json().path("data")).hasSize(2);
    assertThat(events(t.orgId(), "member.role_changed")).isEmpty();
  }

  @Test
  default void an_api_key_still_manages_admins_and_members() {
    Tenant t = newTenant("free");
    String ada = add(t, "ada@example.com", "Ada", "admin").json().path("id").asString();

    assertThat(t.api().patch("/v1/members/" + ada, Map.of("role", "member")).status())
        .isEqualTo(200);
    assertThat(t.api().patch("/v1/members/" + ada, Map.of("role", "admin")).status())
        .isEqualTo(200);
    assertThat(t.api().delete("/v1/members/" + ada).status()).isEqualTo(204);
  }

  @Test
  default void demoting_a_member_to_member_revokes_the_keys_they_made_and_admin_keeps_them() {
    Tenant t = newTenant("free");
    String ada = add(t, "ada@example.com", "Ada", "admin").json().path("id").asString();
    Api adasKey = keyOf(t, ada, "workspace:read");
    String bob = add(t, "bob@example.com", "Bob", "admin").json().path("id").asString();
    Api bobsKey = keyOf(t, bob, "workspace:read");

    assertThat(t.api().patch("/v1/members/" + ada, Map.of("role", "member")).status())
        .isEqualTo(200);

    assertThat(adasKey.get("/v1/tasks").status()).isEqualTo(401);
    assertThat(bobsKey.get("/v1/tasks").status()).isEqualTo(200);
    assertThat(t.api().get("/v1/tasks").status()).isEqualTo(200);
  }

  @Test
  default void
      removing_a_member_unassigns_their_tasks_revokes_their_keys_and_emits_member_removed() {
    Tenant t = newTenant("free");
    String ada = add(t, "ada@example.com", "Ada", "member").json().path("id").asString();
    String project = t.api().post("/v1/projects", Map.of("name", "P")).json().path("id").asString();
    String task =
        t.api()
            .post("/v1/tasks", Map.of("title", "T", "projectId", project, "assigneeId", ada))
            .json()
            .path("id")
            .asString();
    Api adasKey = keyOf(t, ada, "workspace:write");
    assertThat(adasKey.get("/v1/tasks").status()).isEqualTo(200);

    Api.Result removed = t.api().delete("/v1/members/" + ada);

    assertThat(removed.status()).isEqualTo(204);
    assertThat(t.api().get("/v1/members/" + ada).status()).isEqualTo(404);
    assertThat(adasKey.get("/v1/tasks").status()).isEqualTo(401);
    assertThat(t.api().get("/v1/tasks/" + task).json().path("assigneeId").isNull()).isTrue();
    JsonNode update = single(t.orgId(), "task.updated");
    assertThat(update.path("changes").path("assigneeId").path("from").asString()).isEqualTo(ada);
    assertThat(update.path("assigneeName").isNull()).isTrue();
    JsonNode data = single(t.orgId(), "member.removed");
    assertThat(data.path("id").asString()).isEqualTo(ada);
    assertThat(data.path("name").asString()).isEqualTo("Ada");
    assertThat(data.path("removedAt").asString()).endsWith("Z");
  }

  @Test
  default void another_organizations_member_is_not_found() {
    Tenant t = newTenant("free");
    Tenant other = newTenant("free");
    String theirOwner = ownerId(other.orgId());

    assertThat(t.api().get("/v1/members/" + theirOwner).status()).isEqualTo(404);
    assertThat(t.api().patch("/v1/members/" + theirOwner, Map.of("role", "member")).status())
        .isEqualTo(404);
    assertThat(t.api().delete("/v1/members/" + theirOwner).status()).isEqualTo(404);
    assertThat(events(other.orgId())).isEmpty();
  }
}
