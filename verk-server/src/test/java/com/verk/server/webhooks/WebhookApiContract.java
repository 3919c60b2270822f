package com.verk.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.ServerAccess;
import com.verk.server.testing.ServerTest.Tenant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The spec's webhook management API over HTTP, run against both databases. */
interface WebhookApiContract extends ServerAccess {

  String SPEC_BODY =
      """
      {
      "url": "https://your-server.com/webhook",
      "events": ["task.created", "task.updated"],
      "secret": "your_webhook_secret_12345"
      }""";

  static Api.Result create(Api api, Object body) {
    return api.post("/v1/webhooks", body);
  }

  static Map<String, Object> body(String url, List<String> events) {
    return Map.of("url", url, "events", events);
  }

  @Test
  default void the_specs_create_body_works_verbatim_and_shows_the_secret_once() {
    Api api = newTenant("free").api();

    Api.Result created = api.send("POST", "/v1/webhooks", SPEC_BODY, "application/json");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode json = created.json();
    assertThat(json.path("id").asString()).startsWith("webhook_");
    assertThat(json.path("url").asString()).isEqualTo("https://your-server.com/webhook");
    assertThat(json.path("events").toString()).isEqualTo("[\"task.created\",\"task.updated\"]");
    assertThat(json.path("active").asBoolean()).isTrue();
    assertThat(json.path("secret").asString()).isEqualTo("your_webhook_secret_12345");
    assertThat(json.has("description")).isTrue();
    assertThat(json.path("description").isNull()).isTrue();
    assertThat(json.path("disabledAt").isNull()).isTrue();
    assertThat(json.path("disabledReason").isNull()).isTrue();
    assertThat(json.path("createdAt").asString()).endsWith("Z");
    assertThat(json.path("updatedAt").asString()).isEqualTo(json.path("createdAt").asString());

    String id = json.path("id").asString();
    Api.Result fetched = api.get("/v1/webhooks/" + id);
    Api.Result listed = api.get("/v1/webhooks");
    for (Api.Result r : List.of(fetched, listed)) {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).doesNotContain("your_webhook_secret_12345").doesNotContain("\"secret\"");
    }
    assertThat(fetched.json().path("url").asString()).isEqualTo("https://your-server.com/webhook");
    assertThat(listed.json().path("data").get(0).path("id").asString()).isEqualTo(id);
  }

  @Test
  default void a_webhook_without_a_secret_gets_a_long_random_printable_one() {
    Api api = newTenant("pro").api();

    Api.Result first =
        create(api, Map.of("url", "https://example.com/a", "events", List.of("task.created")));
    Api.Result second =
        create(api, Map.of("url", "https://example.com/b", "events", List.of("task.created")));

    String secret = first.json().path("secret").asString();
    assertThat(secret).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");
    assertThat(second.json().path("secret").asString()).isNotEqualTo(secret);
    assertThat(api.get("/v1/webhooks").body()).doesNotContain(secret);
  }

  @Test
  default void a_webhook_is_updated_partially_and_events_are_replaced() {
    Api api = newTenant("free").api();
    String id =
        create(
                api,
                Map.of(
                    "url",
                    "https://example.com/hook",
                    "events",
                    List.of("task.created", "task.updated"),
                    "description",
                    "first"))
            .json()
            .path("id")
            .asString();
    clock().advance(java.time.Duration.ofSeconds(5));

    Api.Result updated =
        api.patch(
            "/v1/webhooks/" + id, Map.of("events", List.of("task.created", "task.completed")));

    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    assertThat(updated.json().path("events").toString())
        .isEqualTo("[\"task.created\",\"task.completed\"]");
    assertThat(updated.json().path("description").asString()).isEqualTo("first");
    assertThat(updated.json().path("url").asString()).isEqualTo("https://example.com/hook");
    assertThat(updated.json().path("updatedAt").asString())
        .isNotEqualTo(updated.json().path("createdAt").asString());
    assertThat(updated.body()).doesNotContain("\"secret\"");

    Api.Result renamed =
        api.patch(
            "/v1/webhooks/" + id, Map.of("url", "https://example.org/new", "description", ""));
    assertThat(renamed.json().path("url").asString()).isEqualTo("https://example.org/new");
    assertThat(renamed.json().path("description").isNull()).isTrue();
    assertThat(api.get("/v1/webhooks/" + id).json().path("events").toString())
        .isEqualTo("[\"task.created\",\"task.completed\"]");
  }

  @Test
  default void disabling_manually_and_re_enabling_clear_and_set_the_reason() {
    Api api = newTenant("free").api();
    String id =
        create(api, body("https://example.com/h", List.of("task.created")))
            .json()
            .path("id")
            .asString();

    JsonNode disabled = api.patch("/v1/webhooks/" + id, Map.of("active", false)).json();
    assertThat(disabled.path("active").asBoolean()).isFalse();
    assertThat(disabled.path("disabledReason").asString()).isEqualTo("Disabled manually");
    assertThat(disabled.path("disabledAt").asString()).endsWith("Z");

    JsonNode enabled = api.patch("/v1/webhooks/" + id, Map.of("active", true)).json();
    assertThat(enabled.path("active").asBoolean()).isTrue();
    assertThat(enabled.path("disabledAt").isNull()).isTrue();
    assertThat(enabled.path("disabledReason").isNull()).isTrue();
  }

  @Test
  default void deleting_answers_204_and_the_webhook_is_gone() {
    Api api = newTenant("free").api();
    String id =
        create(api, body("https://example.com/h", List.of("file.uploaded")))
            .json()
            .path("id")
            .asString();

    assertThat(api.delete("/v1/webhooks/" + id).status()).isEqualTo(204);
    assertThat(api.get("/v1/webhooks/" + id).status()).isEqualTo(404);
    assertThat(api.delete("/v1/webhooks/" + id).code()).isEqualTo("not_found");
    assertThat(api.get("/v1/webhooks").json().path("data").size()).isZero();
  }

  @Test
  default void the_list_pages_with_an_opaque_cursor_in_creation_order() {
    Api api = newTenant("enterprise").api();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(
          create(api, body("https://example.com/" + i, List.of("task.created")))
              .json()
              .path("id")
              .asString());
    }

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Api.Result page =
          api.get("/v1/webhooks?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).isEqualTo(200);
      page.json().path("data").forEach(w -> seen.add(w.path("id").asString()));
      cursor =
          page.json().path("nextCursor").isNull()
              ? null
              : page.json().path("nextCursor").asString();
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(seen).containsExactlyElementsOf(ids);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  default void a_bad_limit_or_cursor_is_a_400_naming_it() {
    Api api = newTenant("free").api();

    assertThat(fields(api.get("/v1/webhooks?limit=0"))).containsExactly("limit");
    assertThat(fields(api.get("/v1/webhooks?limit=101"))).containsExactly("limit");
    assertThat(fields(api.get("/v1/webhooks?limit=abc"))).containsExactly("limit");
    assertThat(fields(api.get("/v1/webhooks?cursor=garbage"))).containsExactly("cursor");
  }

  @Test
  default void rotating_a_secret_returns_the_new_one_and_when_the_old_one_expires() {
    Api api = newTenant("free").api();
    String id =
        create(
                api,
                Map.of(
                    "url",
                    "https://example.com/r",
                    "events",
                    List.of("task.created"),
                    "secret",
                    "the-first-secret-123"))
            .json()
            .path("id")
            .asString();

    Api.Result rotated = api.post("/v1/webhooks/" + id + "/rotate-secret", Map.of());
    Api.Result immediate =
        api.post("/v1/webhooks/" + id + "/rotate-secret", Map.of("overlapSeconds", 0));

    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    String secret = rotated.json().path("secret").asString();
    assertThat(secret).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo("the-first-secret-123");
    java.time.Instant expires =
        java.time.Instant.parse(rotated.json().path("previousSecretExpiresAt").asString());
    assertThat(expires).isAfter(clock().instant().plus(java.time.Duration.ofHours(23)));
    assertThat(rotated.json().path("id").asString()).isEqualTo(id);
    assertThat(immediate.json().path("previousSecretExpiresAt").isNull()).isTrue();
    assertThat(immediate.json().path("secret").asString()).isNotEqualTo(secret);
    assertThat(
            fields(api.post("/v1/webhooks/" + id + "/rotate-secret", Map.of("overlapSeconds", -1))))
        .containsExactly("overlapSeconds");
    assertThat(api.get("/v1/webhooks/" + id).body()).doesNotContain(secret);
  }

  @Test
  default void another_organizations_webhooks_are_invisible_and_untouchable() {
    Api a = newTenant("free").api();
    Api b = newTenant("free").api();
    String id =
        create(a, body("https://example.com/a", List.of("task.created")))
            .json()
            .path("id")
            .asString();

    assertThat(b.get("/v1/webhooks/" + id).status()).isEqualTo(404);
    assertThat(b.patch("/v1/webhooks/" + id, Map.of("active", false)).status()).isEqualTo(404);
    assertThat(b.post("/v1/webhooks/" + id + "/rotate-secret", Map.of()).status()).isEqualTo(404);
    assertThat(b.delete("/v1/webhooks/" + id).status()).isEqualTo(404);
    assertThat(b.get("/v1/webhooks").body()).doesNotContain(id);
    assertThat(a.get("/v1/webhooks/" + id).json().path("active").asBoolean()).isTrue();
  }

  @Test
  default void a_read_only_key_can_list_but_not_write() {
    Tenant tenant = newTenant("free");
    String readKey =
        tenant
            .api()
            .post("/v1/api-keys", Map.of("name", "reader", "scopes", List.of("webhooks:read")))
            .json()
            .path("key")
            .asString();
    Api reader = tenant.api().withToken(readKey);

    Api.Result refused = create(reader, body("https://example.com/x", List.of("task.created")));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("insufficient_scope");
    assertThat(refused.json().path("detail").asString()).contains("webhooks:write");
    assertThat(reader.get("/v1/webhooks").status()).isEqualTo(200);
    assertThat(tenant.api().get("/v1/webhooks").json().path("data").size()).isZero();

    String id =
        create(tenant.api(), body("https://example.com/y", List.of("task.created")))
            .json()
            .path("id")
            .asString();
    assertThat(reader.get("/v1/webhooks/" + id).status()).isEqualTo(200);
    assertThat(reader.patch("/v1/webhooks/" + id, Map.of("active", false)).code())
        .isEqualTo("insufficient_scope");
    assertThat(reader.post("/v1/webhooks/" + id + "/rotate-secret", Map.of()).code())
        .isEqualTo("insufficient_scope");
    assertThat(reader.delete("/v1/webhooks/" + id).code()).isEqualTo("insufficient_scope");
    assertThat(tenant.api().get("/v1/webhooks/" + id).json().path("active").asBoolean()).isTrue();
  }

  @Test
  default void a_key_without_webhook_scopes_cannot_read_webhooks() {
    Tenant tenant = newTenant("free");
    String key =
        tenant
            .api()
            .post("/v1/api-keys", Map.of("name", "ws", "scopes", List.of("workspace:read")))
            .json()
            .path("key")
            .asString();

    Api.Result refused = tenant.api().withToken(key).get("/v1/webhooks");

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("scope").asString()).isEqualTo("webhooks:read");
  }

  static Set<String> fields(Api.Result result) {
    assertThat(result.status()).as(result.body()).isEqualTo(400);
    assertThat(result.code()).as(result.body()).isEqualTo("validation_failed");
    assertThat(result.header("Content-Type")).startsWith("application/problem+json");
    Set<String> fields = new HashSet<>();
    result.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
    return fields;
  }
}
