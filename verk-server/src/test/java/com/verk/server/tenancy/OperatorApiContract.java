package com.verk.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.ServerAccess;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator API and bearer authentication, run against both databases. */
interface OperatorApiContract extends ServerAccess {

  @Test
  default void operator_creates_an_organization_with_an_all_scopes_key() {
    Api.Result created =
        admin().post("/admin/v1/organizations", Map.of("name", "Globex", "plan", "pro"));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("organization").path("id").asString()).startsWith("org_");
    assertThat(created.json().path("organization").path("plan").asString()).isEqualTo("pro");
    assertThat(created.json().path("apiKey").asString()).startsWith("vk_");
  }

  @Test
  default void operator_api_refuses_a_wrong_token() {
    Api.Result result =
        admin()
            .withToken("wrong")
            .post("/admin/v1/organizations", Map.of("name", "Globex", "plan", "pro"));

    assertThat(result.status()).isEqualTo(401);
    assertThat(result.code()).isEqualTo("unauthorized");
    assertThat(result.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  default void operator_changes_a_plan_and_rejects_an_unknown_one() {
    String orgId = newTenant("free").orgId();

    Api.Result changed =
        admin().patch("/admin/v1/organizations/" + orgId, Map.of("plan", "enterprise"));
    Api.Result refused = admin().patch("/admin/v1/organizations/" + orgId, Map.of("plan", "gold"));

    assertThat(changed.json().path("plan").asString()).isEqualTo("enterprise");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("plan");
  }

  @Test
  default void api_calls_without_a_key_or_with_an_unknown_key_are_unauthorized() {
    assertThat(anonymous().get("/v1/webhooks").status()).isEqualTo(401);
    assertThat(anonymous().withToken("vk_nope").get("/v1/webhooks").status()).isEqualTo(401);
  }
}
