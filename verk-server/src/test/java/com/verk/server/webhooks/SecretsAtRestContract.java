package com.verk.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.system.Ids;
import com.verk.server.testing.Api;
import com.verk.server.testing.ServerAccess;
import com.verk.server.testing.ServerTest.Tenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Webhook secrets at rest and their re-encryption by the operator, on both databases. */
interface SecretsAtRestContract extends ServerAccess {

  JdbcClient jdbc();

  SecretCipher cipher();

  private String insertWebhook(String orgId, String secret, String previous) {
    String id = Ids.next("webhook");
    long now = System.currentTimeMillis();
    jdbc()
        .sql(
            "INSERT INTO webhooks (id, org_id, url, secret, previous_secret,"
                + " previous_secret_expires_at, active, created_at, updated_at)"
                + " VALUES (?, ?, 'https://example.com/h', ?, ?, ?, TRUE, ?, ?)")
        .params(id, orgId, secret, previous, now + 60_000, now, now)
        .update();
    return id;
  }

  private Map<String, Object> stored(String id) {
    return jdbc()
        .sql("SELECT secret, previous_secret FROM webhooks WHERE id = ?")
        .param(id)
        .query()
        .singleRow();
  }

  @Test
  default void the_operator_endpoint_encrypts_secrets_stored_before_encryption() {
    Tenant tenant = newTenant("free");
    String id = insertWebhook(tenant.orgId(), "legacy-current-secret", "legacy-previous-secret");

    Api.Result refused = tenant.api().post("/admin/v1/secrets/reencrypt", Map.of());
    Api.Result done = admin().post("/admin/v1/secrets/reencrypt", Map.of());

    assertThat(refused.status()).isEqualTo(401);
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.json().path("reencrypted").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(done.json().path("keyId").asString()).isEqualTo(cipher().currentKeyId());
    Map<String, Object> row = stored(id);
    assertThat((String) row.get("secret")).startsWith("$vk1$" + cipher().currentKeyId() + "$");
    assertThat(cipher().reveal((String) row.get("secret"))).isEqualTo("legacy-current-secret");
    assertThat(cipher().reveal((String) row.get("previous_secret")))
        .isEqualTo("legacy-previous-secret");
    assertThat(done.body()).doesNotContain("legacy-current-secret");
  }

  @Test
  default void a_webhook_created_through_the_api_signs_with_the_secret_it_was_given() {
    Tenant tenant = newTenant("free");
    Api.Result created =
        tenant
            .api()
            .post(
                "/v1/webhooks",
                Map.of(
                    "url",
                    "https://example.com/h",
                    "events",
                    List.of("task.created"),
                    "secret",
                    "given-secret-0123456789"));

    Map<String, Object> row = stored(created.json().path("id").asString());

    assertThat((String) row.get("secret")).doesNotContain("given-secret");
    assertThat(cipher().reveal((String) row.get("secret"))).isEqualTo("given-secret-0123456789");
  }
}
