package com.verk.server.webhooks;

import static com.verk.server.webhooks.WebhookApiContract.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.SqliteServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With the production defaults: https only, and no private, loopback or metadata targets. */
class StrictTargetsTest extends SqliteServerTest {

  @DynamicPropertySource
  static void productionDefaults(DynamicPropertyRegistry registry) {
    registry.add("verk.webhooks.allow-http", () -> "false");
    registry.add("verk.webhooks.allow-private-targets", () -> "false");
  }

  private Api.Result create(Api api, String url) {
    return api.post("/v1/webhooks", Map.of("url", url, "events", List.of("task.created")));
  }

  @Test
  void http_urls_are_refused_unless_allowed() {
    Api api = newTenant("enterprise").api();

    Api.Result refused = create(api, "http://example.com/webhook");

    assertThat(fields(refused)).containsExactly("url");
    assertThat(refused.json().path("errors").get(0).path("message").asString()).contains("https");
  }

  @Test
  void loopback_private_link_local_and_metadata_targets_are_refused() {
    Api api = newTenant("enterprise").api();

    for (String url :
        List.of(
            "https://localhost/x",
            "https://LOCALHOST./x",
            "https://app.localhost/x",
            "https://127.0.0.1/x",
            "https://10.1.2.3/x",
            "https://192.168.0.10:8443/x",
            "https://172.16.5.4/x",
            "https://169.254.169.254/latest/meta-data",
            "https://metadata.google.internal/computeMetadata",
            "https://[::1]/x",
            "https://[fd00::1]/x",
            "https://[::ffff:127.0.0.1]/x",
            "https://0.0.0.0/x",
            "https://0x7f.1/x",
            "https://2130706433/x")) {
      assertThat(fields(create(api, url))).as(url).containsExactly("url");
    }
    assertThat(api.get("/v1/webhooks").json().path("data").size()).isZero();
  }

  @Test
  void public_addresses_and_names_that_do_not_resolve_yet_are_accepted() {
    Api api = newTenant("enterprise").api();

    assertThat(create(api, "https://example.com/webhook").status()).isEqualTo(201);
    assertThat(create(api, "https://93.184.216.34/webhook").status()).isEqualTo(201);
    assertThat(create(api, "https://[2606:2800:220:1::]/webhook").status()).isEqualTo(201);
    assertThat(create(api, "https://not-yet-registered-host.invalid/webhook").status())
        .isEqualTo(201);
  }

  @Test
  void every_blocked_address_form_is_refused_at_create_and_at_patch() {
    Api api = newTenant("enterprise").api();
    String id = create(api, "https://example.com/webhook").json().path("id").asString();

    for (String literal : BlockedTargets.BLOCKED) {
      String url = "https://" + (literal.contains(":") ? "[" + literal + "]" : literal) + "/x";
      assertThat(fields(create(api, url))).as("create " + url).containsExactly("url");
      assertThat(fields(api.patch("/v1/webhooks/" + id, Map.of("url", url))))
          .as("patch " + url)
          .containsExactly("url");
    }
    assertThat(api.get("/v1/webhooks").json().path("data").size()).isEqualTo(1);
    assertThat(api.get("/v1/webhooks/" + id).json().path("url").asString())
        .isEqualTo("https://example.com/webhook");
  }

  @Test
  void public_addresses_in_embedded_notations_are_accepted() {
    Api api = newTenant("enterprise").api();

    for (String literal : BlockedTargets.ALLOWED) {
      String url = "https://" + (literal.contains(":") ? "[" + literal + "]" : literal) + "/x";
      assertThat(create(api, url).status()).as(url).isEqualTo(201);
    }
  }

  @Test
  void a_patch_to_a_private_target_is_refused_too() {
    Api api = newTenant("free").api();
    String id = create(api, "https://example.com/webhook").json().path("id").asString();

    assertThat(fields(api.patch("/v1/webhooks/" + id, Map.of("url", "https://127.0.0.1/"))))
        .containsExactly("url");
  }
}
