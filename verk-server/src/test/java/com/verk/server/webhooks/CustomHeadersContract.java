package com.verk.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.Receiver;
import com.verk.server.testing.ServerAccess;
import com.verk.server.testing.ServerTest.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Custom headers end to end, on both databases: they reach a real receiver on deliveries and Send
 * Test, are masked after the response that set them, stored sealed, never logged, never in the
 * delivery log, invisible to another organization, and bad ones are refused naming the header with
 * nothing written.
 */
interface CustomHeadersContract extends ServerAccess {

  String TOKEN = "Bearer tok_live_9f8e7d6c5b4a";

  JdbcClient jdbc();

  SecretCipher cipher();

  private static Map<String, Object> webhook(String url, Map<String, String> headers) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", url);
    body.put("events", List.of("task.created"));
    body.put("headers", headers);
    return body;
  }

  private String storedHeaders(String id) {
    return jdbc()
        .sql("SELECT headers FROM webhooks WHERE id = ?")
        .param(id)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  @Test
  default void headers_reach_the_receiver_on_deliveries_and_send_test_and_are_secrets_elsewhere(
      CapturedOutput output) {
    Tenant tenant = newTenant("pro");
    Api api = tenant.api();
    try (Receiver receiver = new Receiver()) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Authorization", TOKEN);
      headers.put("X-Team", "ops");
      Api.Result created = api.post("/v1/webhooks", webhook(receiver.url("/hook"), headers));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String id = created.json().path("id").asString();
      // Shown this once, as given.
      assertThat(created.json().path("headers").path("Authorization").asString()).isEqualTo(TOKEN);
      assertThat(created.json().path("headers").path("X-Team").asString()).isEqualTo("ops");

      // A real delivery.
      String project = api.post("/v1/projects", Map.of("name", "Web")).json().path("id").asString();
      Api.Result task = api.post("/v1/tasks", Map.of("title", "Ship", "projectId", project));
      assertThat(task.status()).as(task.body()).isEqualTo(201);
      Receiver.Request delivered = receiver.take(Duration.ofSeconds(15));
      assertThat(delivered.header("Authorization")).isEqualTo(TOKEN);
      assertThat(delivered.header("X-Team")).isEqualTo("ops");
      assertThat(delivered.header("X-Verk-Signature")).startsWith("sha256=");
      assertThat(delivered.header("Content-Type")).startsWith("application/json");

      // Send Test.
      Api.Result test = api.post("/v1/webhooks/" + id + "/test", Map.of("event", "task.created"));
      assertThat(test.status()).as(test.body()).isEqualTo(200);
      Receiver.Request tested = receiver.take(Duration.ofSeconds(15));
      assertThat(tested.header("Authorization")).isEqualTo(TOKEN);
      assertThat(tested.header("X-Team")).isEqualTo("ops");
      assertThat(test.body()).doesNotContain("tok_live");

      // Masked afterwards: names visible, values not.
      JsonNode got = api.get("/v1/webhooks/" + id).json();
      assertThat(got.path("headers").path("Authorization").asString()).isEqualTo("••••");
      assertThat(got.path("headers").path("X-Team").asString()).isEqualTo("••••");
      Api.Result list = api.get("/v1/webhooks");
      assertThat(list.body()).contains("Authorization").doesNotContain("tok_live");
      Api.Result unrelated = api.patch("/v1/webhooks/" + id, Map.of("description", "d"));
      assertThat(unrelated.body()).contains("••••").doesNotContain("tok_live");
      Api.Result rotated = api.post("/v1/webhooks/" + id + "/rotate-secret", Map.of());
      assertThat(rotated.body()).contains("Authorization").doesNotContain("tok_live");

      // The delivery log records Verk's headers only.
      Api.Result log = api.get("/v1/webhooks/" + id + "/deliveries");
      assertThat(log.status()).isEqualTo(200);
      for (JsonNode d : log.json().path("data")) {
        Api.Result detail =
            api.get("/v1/webhooks/" + id + "/deliveries/" + d.path("id").asString());
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body()).contains("X-Verk-Signature").doesNotContain("tok_live");
      }

      // Sealed at rest.
      String stored = storedHeaders(id);
      assertThat(stored).doesNotContain("tok_live").doesNotContain("ops");
      if (cipher().encrypts()) {
        assertThat(stored).startsWith("$vk1$" + cipher().currentKeyId() + "$");
      }
      assertThat(WebhookHeaders.decode(cipher().reveal(stored))).containsExactlyEntriesOf(headers);

      // Another organization sees nothing of it.
      Api other = newTenant("pro").api();
      assertThat(other.get("/v1/webhooks/" + id).status()).isEqualTo(404);
      assertThat(other.get("/v1/webhooks").body()).doesNotContain(id);
      Api.Result foreignPatch =
          other.patch("/v1/webhooks/" + id, Map.of("headers", Map.of("X-Evil", "1")));
      assertThat(foreignPatch.status()).isEqualTo(404);
      assertThat(WebhookHeaders.decode(cipher().reveal(storedHeaders(id))))
          .containsExactlyEntriesOf(headers);

      // Never logged, whatever happened above.
      assertThat(output.getAll()).doesNotContain("tok_live");
    }
  }

  @Test
  default void patch_replaces_the_whole_set_shows_the_new_values_once_and_an_empty_map_clears() {
    Api api = newTenant("pro").api();
    try (Receiver receiver = new Receiver()) {
      String id =
          api.post("/v1/webhooks", webhook(receiver.url("/h"), Map.of("X-Old", "1")))
              .json()
              .path("id")
              .asString();

      Api.Result replaced =
          api.patch("/v1/webhooks/" + id, Map.of("headers", Map.of("X-New", "fresh-value")));
      assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
      assertThat(replaced.json().path("headers").path("X-New").asString()).isEqualTo("fresh-value");
      assertThat(replaced.json().path("headers").has("X-Old")).isFalse();
      assertThat(api.get("/v1/webhooks/" + id).json().path("headers").path("X-New").asString())
          .isEqualTo("••••");

      api.post("/v1/webhooks/" + id + "/test", Map.of("event", "task.created"));
      Receiver.Request tested = receiver.take(Duration.ofSeconds(15));
      assertThat(tested.header("X-New")).isEqualTo("fresh-value");
      assertThat(tested.header("X-Old")).isNull();

      Api.Result cleared = api.patch("/v1/webhooks/" + id, Map.of("headers", Map.of()));
      assertThat(cleared.status()).isEqualTo(200);
      assertThat(cleared.json().path("headers").size()).isZero();
      assertThat(storedHeaders(id)).isNull();
      api.post("/v1/webhooks/" + id + "/test", Map.of("event", "task.created"));
      assertThat(receiver.take(Duration.ofSeconds(15)).header("X-New")).isNull();
    }
  }

  @Test
  default void bad_headers_are_refused_naming_the_header_and_nothing_is_written() {
    Tenant tenant = newTenant("pro");
    Api api = tenant.api();
    String id =
        api.post("/v1/webhooks", webhook("https://example.com/h", Map.of("X-Keep", "kept")))
            .json()
            .path("id")
            .asString();
    String before = storedHeaders(id);

    Map<String, String> many = new LinkedHashMap<>();
    for (int i = 0; i < 21; i++) {
      many.put("X-H" + i, "v");
    }
    record Case(Map<String, String> headers, String field) {}
    List<Case> cases = new ArrayList<>();
    cases.add(new Case(Map.of("Content-Type", "text/plain"), "headers.Content-Type"));
    cases.add(new Case(Map.of("host", "evil.example"), "headers.host"));
    cases.add(new Case(Map.of("X-Verk-Signature", "sha256=x"), "headers.X-Verk-Signature"));
    cases.add(new Case(Map.of("webhook-id", "x"), "headers.webhook-id"));
    cases.add(new Case(Map.of("Transfer-Encoding", "chunked"), "headers.Transfer-Encoding"));
    cases.add(new Case(Map.of("Proxy-Authorization", "Basic x"), "headers.Proxy-Authorization"));
    cases.add(new Case(Map.of("Accept-Encoding", "gzip"), "headers.Accept-Encoding"));
    cases.add(new Case(Map.of("Bad Name", "x"), "headers.Bad?Name"));
    cases.add(new Case(Map.of("X-Inject", "a\r\nX-Evil: 1"), "headers.X-Inject"));
    cases.add(new Case(many, "headers"));
    cases.add(new Case(Map.of("X-Big", "a".repeat(9000)), "headers"));
    Map<String, String> dup = new LinkedHashMap<>();
    dup.put("X-Team", "a");
    dup.put("x-team", "b");
    cases.add(new Case(dup, "headers.x-team"));

    for (Case c : cases) {
      Api.Result create = api.post("/v1/webhooks", webhook("https://example.com/n", c.headers()));
      assertThat(create.status()).as(create.body()).isEqualTo(400);
      assertThat(create.code()).isEqualTo("validation_failed");
      assertThat(create.body()).as(c.field()).contains("\"field\":\"" + c.field() + "\"");
      assertThat(create.body()).doesNotContain("X-Evil: 1");

      Api.Result patch =
          api.patch(
              "/v1/webhooks/" + id,
              Map.of("headers", c.headers(), "description", "must not be written"));
      assertThat(patch.status()).as(patch.body()).isEqualTo(400);
      assertThat(patch.body()).contains("\"field\":\"" + c.field() + "\"");
    }
    // Nothing written: still one webhook, with its headers and no description.
    JsonNode list = api.get("/v1/webhooks").json().path("data");
    assertThat(list.size()).isEqualTo(1);
    assertThat(list.get(0).path("description").isNull()).isTrue();
    assertThat(storedHeaders(id)).isEqualTo(before);
  }

  @Test
  default void reencryption_moves_headers_stored_in_the_clear_to_the_current_key() {
    Tenant tenant = newTenant("free");
    String id =
        tenant
            .api()
            .post("/v1/webhooks", webhook("https://example.com/h", Map.of()))
            .json()
            .path("id")
            .asString();
    jdbc()
        .sql("UPDATE webhooks SET headers = ?, header_names = ? WHERE id = ?")
        .params("X-Legacy: plain-value\n", "X-Legacy", id)
        .update();

    Api.Result done = admin().post("/admin/v1/secrets/reencrypt", Map.of());

    assertThat(done.status()).as(done.body()).isEqualTo(200);
    String stored = storedHeaders(id);
    if (cipher().encrypts()) {
      assertThat(stored).startsWith("$vk1$").doesNotContain("plain-value");
    }
    assertThat(WebhookHeaders.decode(cipher().reveal(stored)))
        .containsExactly(Map.entry("X-Legacy", "plain-value"));
    assertThat(
            tenant
                .api()
                .get("/v1/webhooks/" + id)
                .json()
                .path("headers")
                .path("X-Legacy")
                .asString())
        .isEqualTo("••••");
  }
}
