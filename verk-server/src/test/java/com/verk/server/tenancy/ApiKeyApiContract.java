package com.verk.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.ServerAccess;
import com.verk.server.testing.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Issuing, listing and revoking API keys, run against both databases. */
interface ApiKeyApiContract extends ServerAccess {

  @Test
  default void a_new_key_is_shown_once_and_works_with_its_scopes() {
    Api owner = newTenant("free").api();

    Api.Result created =
        owner.post("/v1/api-keys", Map.of("name", "CI", "scopes", List.of("webhooks:read")));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode json = created.json();
    String key = json.path("key").asString();
    assertThat(json.path("id").asString()).startsWith("key_");
    assertThat(json.path("name").asString()).isEqualTo("CI");
    assertThat(json.path("scopes").toString()).isEqualTo("[\"webhooks:read\"]");
    assertThat(key).startsWith("vk_").hasSize(43);
    assertThat(json.path("prefix").asString()).isEqualTo(key.substring(0, 7));
    assertThat(json.path("createdAt").asString()).endsWith("Z");
    assertThat(owner.withToken(key).get("/v1/webhooks").status()).isEqualTo(200);
    assertThat(owner.withToken(key).get("/v1/api-keys").code()).isEqualTo("insufficient_scope");
  }

  @Test
  default void a_key_cannot_issue_a_key_with_a_scope_it_does_not_hold() {
    Api owner = newTenant("free").api();
    Api narrow =
        owner.withToken(
            owner
                .post("/v1/api-keys", Map.of("name", "narrow", "scopes", List.of("keys:write")))
                .json()
                .path("key")
                .asString());

    Api.Result escalated =
        narrow.post(
            "/v1/api-keys",
            Map.of(
                "name",
                "wider",
                "scopes",
                List.of("webhooks:write", "workspace:write", "keys:write")));

    assertThat(escalated.status()).as(escalated.body()).isEqualTo(403);
    assertThat(escalated.code()).isEqualTo("insufficient_scope");
    assertThat(escalated.json().path("scope").asString()).isEqualTo("webhooks:write");
    assertThat(escalated.json().path("errors").path(0).path("field").asString())
        .isEqualTo("scopes");
    assertThat(owner.get("/v1/api-keys").json().path("data").size()).isEqualTo(2);
  }

  @Test
  default void a_key_issues_keys_with_the_scopes_it_holds_or_implies() {
    Api owner = newTenant("free").api();
    Api writer =
        owner.withToken(
            owner
                .post(
                    "/v1/api-keys",
                    Map.of("name", "writer", "scopes", List.of("webhooks:write", "keys:write")))
                .json()
                .path("key")
                .asString());

    Api.Result narrower =
        writer.post("/v1/api-keys", Map.of("name", "reader", "scopes", List.of("webhooks:read")));
    Api.Result workspace =
        writer.post(
            "/v1/api-keys", Map.of("name", "workspace", "scopes", List.of("workspace:read")));

    assertThat(narrower.status()).as(narrower.body()).isEqualTo(201);
    assertThat(workspace.status()).isEqualTo(403);
    assertThat(workspace.json().path("scope").asString()).isEqualTo("workspace:read");
  }

  @Test
  default void the_list_shows_keys_without_their_secrets() {
    Api owner = newTenant("free").api();
    String key =
        owner
            .post("/v1/api-keys", Map.of("name", "listed", "scopes", List.of("keys:write")))
            .json()
            .path("key")
            .asString();

    Api.Result listed = owner.get("/v1/api-keys");

    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body()).doesNotContain(key).doesNotContain("\"key\"");
    assertThat(listed.body()).doesNotContain(owner.token());
    JsonNode mine = null;
    for (JsonNode k : listed.json().path("data")) {
      if (k.path("name").asString().equals("listed")) {
        mine = k;
      }
    }
    assertThat(mine).isNotNull();
    assertThat(mine.path("prefix").asString()).isEqualTo(key.substring(0, 7));
    assertThat(mine.has("lastUsedAt")).isTrue();
    assertThat(listed.json().path("data").size()).isEqualTo(2);
  }

  @Test
  default void keys_are_listed_a_page_at_a_time() {
    Api owner = newTenant("free").api();
    List<String> made = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      made.add(
          owner
              .post("/v1/api-keys", Map.of("name", "page-" + i, "scopes", List.of("keys:write")))
              .json()
              .path("id")
              .asString());
    }

    List<String> seen = new java.util.ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Api.Result page =
          owner.get("/v1/api-keys?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.json().path("data").size()).isLessThanOrEqualTo(2);
      page.json().path("data").forEach(k -> seen.add(k.path("id").asString()));
      cursor =
          page.json().path("nextCursor").isNull()
              ? null
              : page.json().path("nextCursor").asString();
      pages++;
    } while (cursor != null && pages < 10);

    // The owner's own key plus the three made here, each once (keys made within one millisecond
    // may come in either order).
    assertThat(seen).hasSize(4).doesNotHaveDuplicates().containsAll(made);
    assertThat(pages).isEqualTo(2);

    Api.Result badLimit = owner.get("/v1/api-keys?limit=0");
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.body()).contains("limit");
    Api.Result badCursor = owner.get("/v1/api-keys?cursor=not-a-cursor");
    assertThat(badCursor.status()).isEqualTo(400);
    assertThat(badCursor.body()).contains("cursor");
  }

  @Test
  default void a_key_in_use_shows_when_it_was_last_used() {
    Api owner = newTenant("free").api();
    JsonNode created =
        owner
            .post("/v1/api-keys", Map.of("name", "used", "scopes", List.of("webhooks:read")))
            .json();
    String id = created.path("id").asString();

    JsonNode before = keyNamed(owner, "used");
    owner.withToken(created.path("key").asString()).get("/v1/webhooks");
    JsonNode after = keyNamed(owner, "used");

    assertThat(before.path("lastUsedAt").isNull()).isTrue();
    assertThat(after.path("id").asString()).isEqualTo(id);
    assertThat(after.path("lastUsedAt").asString()).endsWith("Z");
  }

  private static JsonNode keyNamed(Api api, String name) {
    for (JsonNode k : api.get("/v1/api-keys").json().path("data")) {
      if (k.path("name").asString().equals(name)) {
        return k;
      }
    }
    throw new AssertionError("no key named " + name);
  }

  @Test
  default void a_revoked_key_is_refused_on_its_next_call() {
    Api owner = newTenant("free").api();
    JsonNode created =
        owner
            .post("/v1/api-keys", Map.of("name", "tmp", "scopes", List.of("webhooks:write")))
            .json();
    Api temp = owner.withToken(created.path("key").asString());
    assertThat(temp.get("/v1/webhooks").status()).isEqualTo(200);

    Api.Result revoked = owner.delete("/v1/api-keys/" + created.path("id").asString());

    assertThat(revoked.status()).isEqualTo(204);
    assertThat(temp.get("/v1/webhooks").status()).isEqualTo(401);
    assertThat(owner.delete("/v1/api-keys/" + created.path("id").asString()).status())
        .isEqualTo(404);
    assertThat(owner.get("/v1/api-keys").body()).doesNotContain(created.path("id").asString());
  }

  @Test
  default void unknown_scopes_and_missing_names_are_400s_naming_the_field() {
    Api owner = newTenant("free").api();

    Api.Result badScope =
        owner.post(
            "/v1/api-keys", Map.of("name", "x", "scopes", List.of("webhooks:read", "tasks:nuke")));
    Api.Result noScopes = owner.post("/v1/api-keys", Map.of("name", "x", "scopes", List.of()));
    Api.Result noName = owner.post("/v1/api-keys", Map.of("scopes", List.of("webhooks:read")));

    assertThat(badScope.status()).isEqualTo(400);
    assertThat(badScope.json().path("errors").get(0).path("field").asString()).isEqualTo("scopes");
    assertThat(badScope.json().path("errors").get(0).path("message").asString())
        .contains("tasks:nuke");
    assertThat(noScopes.json().path("errors").get(0).path("field").asString()).isEqualTo("scopes");
    assertThat(noName.json().path("errors").get(0).path("field").asString()).isEqualTo("name");
  }

  @Test
  default void another_organizations_keys_are_invisible_and_cannot_be_revoked() {
    Api a = newTenant("free").api();
    Api b = newTenant("free").api();
    String id =
        a.post("/v1/api-keys", Map.of("name", "a-key", "scopes", List.of("webhooks:read")))
            .json()
            .path("id")
            .asString();

    assertThat(b.delete("/v1/api-keys/" + id).status()).isEqualTo(404);
    assertThat(b.get("/v1/api-keys").body()).doesNotContain(id).doesNotContain("a-key");
    assertThat(a.get("/v1/api-keys").body()).contains(id);
  }

  @Test
  default void a_key_without_keys_write_cannot_issue_keys() {
    Api owner = newTenant("free").api();
    String key =
        owner
            .post("/v1/api-keys", Map.of("name", "w", "scopes", List.of("webhooks:write")))
            .json()
            .path("key")
            .asString();

    Api.Result refused =
        owner
            .withToken(key)
            .post("/v1/api-keys", Map.of("name", "escalate", "scopes", List.of("keys:write")));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("scope").asString()).isEqualTo("keys:write");
  }

  @Test
  default void the_bootstrap_key_from_the_environment_can_manage_webhooks() {
    Api bootstrap = new Api(baseUrl(), ServerTest.BOOTSTRAP_KEY);

    Api.Result listed = bootstrap.get("/v1/webhooks");

    assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    assertThat(bootstrap.get("/v1/api-keys").status()).isEqualTo(200);
  }
}
