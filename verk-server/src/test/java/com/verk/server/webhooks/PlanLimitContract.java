package com.verk.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.ServerAccess;
import com.verk.server.testing.ServerTest.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Free 2, Pro 50, Enterprise unlimited; the limit holds under concurrent creates. */
interface PlanLimitContract extends ServerAccess {

  private static Api.Result create(Api api, int n) {
    return api.post(
        "/v1/webhooks",
        Map.of("url", "https://example.com/" + n, "events", List.of("task.created")));
  }

  @Test
  default void the_third_webhook_on_free_is_refused_naming_plan_and_limit() {
    Api api = newTenant("free").api();
    assertThat(create(api, 1).status()).isEqualTo(201);
    assertThat(create(api, 2).status()).isEqualTo(201);

    Api.Result refused = create(api, 3);

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("plan_limit_reached");
    assertThat(refused.json().path("plan").asString()).isEqualTo("free");
    assertThat(refused.json().path("limit").asInt()).isEqualTo(2);
    assertThat(refused.json().path("detail").asString()).contains("free").contains("2");
    assertThat(api.get("/v1/webhooks").json().path("data").size()).isEqualTo(2);
  }

  @Test
  default void ten_concurrent_creates_on_free_let_exactly_two_through() throws Exception {
    Api api = newTenant("free").api();
    ExecutorService pool = Executors.newFixedThreadPool(10);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        int n = i;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return create(api, n).status();
                }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : results) {
        statuses.add(f.get());
      }
      assertThat(statuses).filteredOn(s -> s == 201).hasSize(2);
      assertThat(statuses).filteredOn(s -> s == 403).hasSize(8);
    } finally {
      pool.shutdownNow();
    }
    assertThat(api.get("/v1/webhooks").json().path("data").size()).isEqualTo(2);
  }

  @Test
  default void re_enabling_a_webhook_does_not_count_again() {
    Api api = newTenant("free").api();
    String id = create(api, 1).json().path("id").asString();
    create(api, 2);

    api.patch("/v1/webhooks/" + id, Map.of("active", false));
    Api.Result enabled = api.patch("/v1/webhooks/" + id, Map.of("active", true));

    assertThat(enabled.status()).isEqualTo(200);
    assertThat(enabled.json().path("active").asBoolean()).isTrue();
  }

  @Test
  default void deleting_a_webhook_frees_a_slot() {
    Api api = newTenant("free").api();
    String id = create(api, 1).json().path("id").asString();
    create(api, 2);

    api.delete("/v1/webhooks/" + id);

    assertThat(create(api, 3).status()).isEqualTo(201);
  }

  @Test
  default void a_plan_change_takes_effect_at_once() {
    Tenant tenant = newTenant("free");
    create(tenant.api(), 1);
    create(tenant.api(), 2);
    assertThat(create(tenant.api(), 3).status()).isEqualTo(403);

    admin().patch("/admin/v1/organizations/" + tenant.orgId(), Map.of("plan", "pro"));
    assertThat(create(tenant.api(), 3).status()).isEqualTo(201);

    admin().patch("/admin/v1/organizations/" + tenant.orgId(), Map.of("plan", "free"));
    Api.Result refused = create(tenant.api(), 4);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("limit").asInt()).isEqualTo(2);
  }

  @Test
  default void pro_allows_fifty_and_enterprise_has_no_limit() {
    Api pro = newTenant("pro").api();
    Api enterprise = newTenant("enterprise").api();
    for (int i = 0; i < 50; i++) {
      assertThat(create(pro, i).status()).isEqualTo(201);
    }
    for (int i = 0; i < 55; i++) {
      assertThat(create(enterprise, i).status()).isEqualTo(201);
    }

    Api.Result refused = create(pro, 51);

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("plan").asString()).isEqualTo("pro");
    assertThat(refused.json().path("limit").asInt()).isEqualTo(50);
  }
}
