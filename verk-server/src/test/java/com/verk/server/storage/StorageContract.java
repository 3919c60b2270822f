package com.verk.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.verk.server.testing.Api;
import com.verk.server.testing.ServerAccess;
import com.verk.server.testing.ServerTest.Tenant;
import com.verk.server.webhooks.SecretCipher;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The schema's promises checked with plain SQL on each database: migrations, cascades and
 * constraints that the API and the delivery engine rely on.
 */
interface StorageContract extends ServerAccess {

  JdbcClient jdbc();

  SecretCipher cipher();

  /** Every table of the schema, to scan raw rows. */
  List<String> tables();

  private String newWebhook(Tenant tenant) {
    Api.Result created =
        tenant
            .api()
            .post(
                "/v1/webhooks",
                Map.of(
                    "url",
                    "https://example.com/h",
                    "events",
                    List.of("task.created", "task.updated")));
    assertThat(created.status()).isEqualTo(201);
    return created.json().path("id").asString();
  }

  private long count(String sql, Object... params) {
    return jdbc().sql(sql).params(params).query(Long.class).single();
  }

  @Test
  default void the_foundation_migration_is_applied() {
    assertThat(
            count(
                "SELECT COUNT(*) FROM flyway_schema_history WHERE version = '1' AND success = ?",
                true))
        .isEqualTo(1);
  }

  @Test
  default void subscriptions_carry_the_org_id_for_the_fan_out_index() {
    Tenant tenant = newTenant("free");
    String id = newWebhook(tenant);

    List<String> orgs =
        jdbc()
            .sql("SELECT org_id FROM webhook_events WHERE webhook_id = ?")
            .param(id)
            .query(String.class)
            .list();

    assertThat(orgs).hasSize(2).containsOnly(tenant.orgId());
  }

  @Test
  default void deleting_a_webhook_removes_its_subscriptions_deliveries_and_attempts() {
    Tenant tenant = newTenant("free");
    String id = newWebhook(tenant);
    String eventId = "evt_" + id.substring(8);
    String deliveryId = "delivery_" + id.substring(8);
    long now = clock().millis();
    jdbc()
        .sql(
            "INSERT INTO events (id, org_id, org_name, type, data, occurred_at)"
                + " VALUES (?, ?, ?, 'task.created', '{}', ?)")
        .params(eventId, tenant.orgId(), tenant.name(), now)
        .update();
    jdbc()
        .sql(
            "INSERT INTO deliveries (id, org_id, webhook_id, event_id, event_type, status,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, 'task.created', 'failed', ?, ?)")
        .params(deliveryId, tenant.orgId(), id, eventId, now, now)
        .update();
    jdbc()
        .sql(
            "INSERT INTO delivery_attempts (id, delivery_id, webhook_id, number, attempted_at,"
                + " success) VALUES (?, ?, ?, 1, ?, ?)")
        .params("att_" + id.substring(8), deliveryId, id, now, false)
        .update();

    assertThat(tenant.api().delete("/v1/webhooks/" + id).status()).isEqualTo(204);

    assertThat(count("SELECT COUNT(*) FROM webhook_events WHERE webhook_id = ?", id)).isZero();
    assertThat(count("SELECT COUNT(*) FROM deliveries WHERE webhook_id = ?", id)).isZero();
    assertThat(count("SELECT COUNT(*) FROM delivery_attempts WHERE webhook_id = ?", id)).isZero();
    assertThat(count("SELECT COUNT(*) FROM events WHERE id = ?", eventId)).isEqualTo(1);
  }

  @Test
  default void a_subscription_must_belong_to_an_existing_webhook_and_be_unique() {
    Tenant tenant = newTenant("free");
    String id = newWebhook(tenant);

    assertThatThrownBy(
            () ->
                jdbc()
                    .sql(
                        "INSERT INTO webhook_events (webhook_id, org_id, event_type)"
                            + " VALUES (?, ?, 'task.created')")
                    .params(id, tenant.orgId())
                    .update())
        .isInstanceOf(DataAccessException.class);
    assertThatThrownBy(
            () ->
                jdbc()
                    .sql(
                        "INSERT INTO webhook_events (webhook_id, org_id, event_type)"
                            + " VALUES ('webhook_missing', ?, 'task.created')")
                    .param(tenant.orgId())
                    .update())
        .isInstanceOf(DataAccessException.class);
  }

  @Test
  default void api_keys_are_stored_as_unique_hashes_never_in_the_clear() {
    Tenant tenant = newTenant("free");
    String key = tenant.api().token();

    long clear = count("SELECT COUNT(*) FROM api_keys WHERE key_hash = ?", key);
    List<String> hashes =
        jdbc()
            .sql("SELECT key_hash FROM api_keys WHERE org_id = ?")
            .param(tenant.orgId())
            .query(String.class)
            .list();

    assertThat(clear).isZero();
    assertThat(hashes).hasSize(1);
    assertThat(hashes.get(0)).hasSize(64).doesNotContain(key);
    assertThatThrownBy(
            () ->
                jdbc()
                    .sql(
                        "INSERT INTO api_keys (id, org_id, name, scopes, key_hash, key_prefix,"
                            + " created_at) VALUES ('key_dup', ?, 'dup', 'keys:write', ?, 'vk_x', 0)")
                    .params(tenant.orgId(), hashes.get(0))
                    .update())
        .isInstanceOf(DataAccessException.class);
  }

  @Test
  default void booleans_and_millisecond_times_round_trip() {
    Tenant tenant = newTenant("free");
    String id = newWebhook(tenant);
    tenant.api().patch("/v1/webhooks/" + id, Map.of("active", false));

    Map<String, Object> row =
        jdbc()
            .sql("SELECT active, disabled_at, created_at FROM webhooks WHERE id = ?")
            .param(id)
            .query()
            .singleRow();

    assertThat(
            jdbc()
                .sql("SELECT COUNT(*) FROM webhooks WHERE id = ? AND active = ?")
                .params(id, false)
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(((Number) row.get("disabled_at")).longValue())
        .isGreaterThanOrEqualTo(((Number) row.get("created_at")).longValue());
  }

  @Test
  default void rotation_keeps_the_previous_secret_until_it_expires_and_a_set_secret_drops_it() {
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
                    "original-secret-0001"));
    String id = created.json().path("id").asString();

    Api.Result rotated =
        tenant.api().post("/v1/webhooks/" + id + "/rotate-secret", Map.of("overlapSeconds", 60));
    Map<String, Object> afterRotate = secrets(id);
    tenant.api().patch("/v1/webhooks/" + id, Map.of("secret", "chosen-secret-00002"));
    Map<String, Object> afterSet = secrets(id);

    assertThat(reveal(afterRotate.get("secret")))
        .isEqualTo(rotated.json().path("secret").asString());
    assertThat(reveal(afterRotate.get("previous_secret"))).isEqualTo("original-secret-0001");
    assertThat(((Number) afterRotate.get("previous_secret_expires_at")).longValue())
        .isEqualTo(
            java.time.Instant.parse(rotated.json().path("previousSecretExpiresAt").asString())
                .toEpochMilli());
    assertThat(reveal(afterSet.get("secret"))).isEqualTo("chosen-secret-00002");
    assertThat(afterSet.get("previous_secret")).isNull();
    assertThat(afterSet.get("previous_secret_expires_at")).isNull();
  }

  @Test
  default void the_raw_database_holds_no_webhook_secret_current_or_previous() {
    Tenant tenant = newTenant("free");
    String chosen = "raw-scan-secret-" + java.util.UUID.randomUUID();
    String header = "Bearer raw-scan-header-" + java.util.UUID.randomUUID();
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
                    chosen,
                    "headers",
                    Map.of("Authorization", header)));
    String id = created.json().path("id").asString();
    String rotated =
        tenant
            .api()
            .post("/v1/webhooks/" + id + "/rotate-secret", Map.of("overlapSeconds", 600))
            .json()
            .path("secret")
            .asString();

    Map<String, Object> stored = secrets(id);
    assertThat(reveal(stored.get("secret"))).isEqualTo(rotated);
    assertThat(reveal(stored.get("previous_secret"))).isEqualTo(chosen);
    assertThat(cipher().encrypts()).isTrue();
    for (String table : tables()) {
      for (Map<String, Object> row : jdbc().sql("SELECT * FROM " + table).query().listOfRows()) {
        for (Object value : row.values()) {
          String text = String.valueOf(value);
          assertThat(text)
              .as(table)
              .doesNotContain(chosen)
              .doesNotContain(rotated)
              .doesNotContain(header);
        }
      }
    }
  }

  private String reveal(Object stored) {
    String value = (String) stored;
    assertThat(value).as("stored secrets are encrypted").startsWith("$vk1$");
    return cipher().reveal(value);
  }

  private Map<String, Object> secrets(String webhookId) {
    return jdbc()
        .sql(
            "SELECT secret, previous_secret, previous_secret_expires_at FROM webhooks"
                + " WHERE id = ?")
        .param(webhookId)
        .query()
        .singleRow();
  }
}
