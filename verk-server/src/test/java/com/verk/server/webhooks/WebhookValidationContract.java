package com.verk.server.webhooks;

import static com.verk.server.webhooks.WebhookApiContract.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.ServerAccess;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad webhook input is a 400 naming every wrong field, and nothing is written. */
interface WebhookValidationContract extends ServerAccess {

  private static Map<String, Object> valid() {
    Map<String, Object> body = new HashMap<>();
    body.put("url", "https://example.com/webhook");
    body.put("events", List.of("task.created"));
    return body;
  }

  private static Map<String, Object> with(String field, Object value) {
    Map<String, Object> body = valid();
    body.put(field, value);
    return body;
  }

  @Test
  default void url_rules_are_checked_and_named() {
    Api api = newTenant("free").api();

    assertThat(fields(api.post("/v1/webhooks", with("url", null)))).containsExactly("url");
    assertThat(fields(api.post("/v1/webhooks", with("url", "not a url")))).containsExactly("url");
    assertThat(fields(api.post("/v1/webhooks", with("url", "/relative")))).containsExactly("url");
    assertThat(fields(api.post("/v1/webhooks", with("url", "ftp://example.com/x"))))
        .containsExactly("url");
    assertThat(fields(api.post("/v1/webhooks", with("url", "https://user:pw@example.com/x"))))
        .containsExactly("url");
    assertThat(fields(api.post("/v1/webhooks", with("url", "https:///nohost"))))
        .containsExactly("url");
    assertThat(fields(api.post("/v1/webhooks", with("url", "https://example.com/x#frag"))))
        .containsExactly("url");
    String longUrl = "https://example.com/" + "a".repeat(2049 - 20);
    assertThat(longUrl).hasSize(2049);
    assertThat(fields(api.post("/v1/webhooks", with("url", longUrl)))).containsExactly("url");
    assertThat(api.get("/v1/webhooks").json().path("data").size()).isZero();
  }

  @Test
  default void a_url_of_exactly_2048_characters_is_accepted() {
    Api api = newTenant("free").api();
    String url = "https://example.com/" + "a".repeat(2048 - 20);

    Api.Result created = api.post("/v1/webhooks", with("url", url));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  @Test
  default void events_must_be_a_non_empty_list_of_known_types_and_the_unknown_one_is_named() {
    Api api = newTenant("free").api();

    Api.Result unknown =
        api.post("/v1/webhooks", with("events", List.of("task.created", "task.exploded")));
    assertThat(fields(unknown)).containsExactly("events[1]");
    assertThat(unknown.json().path("errors").get(0).path("message").asString())
        .contains("task.exploded");
    assertThat(fields(api.post("/v1/webhooks", with("events", List.of()))))
        .containsExactly("events");
    assertThat(fields(api.post("/v1/webhooks", with("events", null)))).containsExactly("events");
    assertThat(fields(api.post("/v1/webhooks", with("events", "task.created"))))
        .containsExactly("events");
  }

  @Test
  default void duplicate_events_are_collapsed() {
    Api api = newTenant("free").api();

    Api.Result created =
        api.post(
            "/v1/webhooks",
            with("events", List.of("task.updated", "task.created", "task.updated")));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("events").toString())
        .isEqualTo("[\"task.created\",\"task.updated\"]");
  }

  @Test
  default void secret_and_description_lengths_are_checked() {
    Api api = newTenant("free").api();

    assertThat(fields(api.post("/v1/webhooks", with("secret", "short")))).containsExactly("secret");
    assertThat(fields(api.post("/v1/webhooks", with("secret", "x".repeat(257)))))
        .containsExactly("secret");
    assertThat(fields(api.post("/v1/webhooks", with("description", "d".repeat(501)))))
        .containsExactly("description");
    assertThat(api.post("/v1/webhooks", with("secret", "x".repeat(16))).status()).isEqualTo(201);
  }

  @Test
  default void every_wrong_field_is_named_at_once() {
    Api api = newTenant("free").api();
    Map<String, Object> body = new HashMap<>();
    body.put("url", "ftp://example.com");
    body.put("events", List.of("nope"));
    body.put("secret", "short");
    body.put("description", "d".repeat(501));

    assertThat(fields(api.post("/v1/webhooks", body)))
        .containsExactlyInAnyOrder("url", "events[0]", "secret", "description");
  }

  @Test
  default void unknown_fields_wrong_types_and_malformed_json_are_rejected() {
    Api api = newTenant("free").api();

    assertThat(fields(api.post("/v1/webhooks", with("colour", "blue")))).containsExactly("colour");
    assertThat(fields(api.post("/v1/webhooks", with("events", Map.of("a", 1)))))
        .containsExactly("events");
    Api.Result malformed =
        api.send("POST", "/v1/webhooks", "{\"url\": \"https://x.com\",", "application/json");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.code()).isEqualTo("malformed_json");
    assertThat(api.send("POST", "/v1/webhooks", "url=x", "text/plain").status()).isEqualTo(415);
    assertThat(api.get("/v1/webhooks").json().path("data").size()).isZero();
  }

  @Test
  default void a_patch_is_validated_in_full_before_anything_changes() {
    Api api = newTenant("free").api();
    String id = api.post("/v1/webhooks", valid()).json().path("id").asString();

    Api.Result refused =
        api.patch(
            "/v1/webhooks/" + id,
            Map.of("url", "https://example.org/ok", "events", List.of("bogus"), "active", false));

    assertThat(fields(refused)).containsExactly("events[0]");
    Api.Result unchanged = api.get("/v1/webhooks/" + id);
    assertThat(unchanged.json().path("url").asString()).isEqualTo("https://example.com/webhook");
    assertThat(unchanged.json().path("active").asBoolean()).isTrue();
    assertThat(fields(api.patch("/v1/webhooks/" + id, Map.of("secret", "short"))))
        .containsExactly("secret");
    assertThat(fields(api.patch("/v1/webhooks/" + id, Map.of("active", "maybe"))))
        .containsExactly("active");
  }

  @Test
  default void a_body_over_one_mebibyte_is_refused_with_413() {
    Api api = newTenant("free").api();
    String huge =
        "{\"url\":\"https://example.com\",\"events\":[\"task.created\"],\"description\":\""
            + "x".repeat(1024 * 1024 + 10)
            + "\"}";

    Api.Result refused = api.send("POST", "/v1/webhooks", huge, "application/json");

    assertThat(refused.status()).isEqualTo(413);
    assertThat(refused.code()).isEqualTo("payload_too_large");
    assertThat(api.get("/v1/webhooks").json().path("data").size()).isZero();
  }
}
