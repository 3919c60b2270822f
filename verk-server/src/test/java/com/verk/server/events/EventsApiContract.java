package com.verk.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.system.Ids;
import com.verk.server.testing.Api;
import com.verk.server.testing.CountingDataSource;
import com.verk.server.testing.Receiver;
import com.verk.server.testing.ServerAccess;
import com.verk.server.testing.ServerTest.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** GET /v1/events and /v1/events/{id}: order, pages, filters, 400s, scope and isolation. */
interface EventsApiContract extends ServerAccess {

  Duration WAIT = Duration.ofSeconds(20);

  DataSource dataSource();

  /** An event of {@code orgId} written straight to the table, at a time the test chooses. */
  private String event(String orgId, String type, String at, String id) {
    new JdbcTemplate(dataSource())
        .update(
            "INSERT INTO events (id, org_id, org_name, type, data, occurred_at)"
                + " VALUES (?, ?, 'Org', ?, '{}', ?)",
            id,
            orgId,
            type,
            Instant.parse(at).toEpochMilli());
    return id;
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("data").forEach(e -> ids.add(e.path("id").asString()));
    return ids;
  }

  private static String field(Api.Result result) {
    assertThat(result.status()).as(result.body()).isEqualTo(400);
    return result.json().path("errors").get(0).path("field").asString();
  }

  @Test
  default void events_list_newest_first_in_pages_filtered_by_type_and_time_and_per_organization() {
    Tenant tenant = newTenant("pro");
    Tenant other = newTenant("pro");
    String o = tenant.orgId();
    String e1 = event(o, "task.created", "2025-01-01T00:00:00Z", "evt_a1");
    String e2 = event(o, "task.created", "2025-01-01T01:00:00Z", "evt_a2");
    // Two events at the same millisecond: the id breaks the tie, so no page repeats or skips one.
    String e3 = event(o, "task.created", "2025-01-01T02:00:00Z", "evt_a3");
    String e4 = event(o, "task.created", "2025-01-01T02:00:00Z", "evt_a4");
    String e5 = event(o, "project.created", "2025-01-01T03:00:00Z", "evt_a5");
    String foreign = event(other.orgId(), "task.created", "2025-01-01T01:30:00Z", "evt_b1");

    List<String> all = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          tenant
              .api()
              .get("/v1/events?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
              .json();
      all.addAll(ids(page));
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
      pages++;
    } while (cursor != null);

    assertThat(all).containsExactly(e5, e4, e3, e2, e1);
    assertThat(pages).isEqualTo(3);
    JsonNode first = tenant.api().get("/v1/events?limit=1").json().path("data").get(0);
    assertThat(first.propertyNames())
        .containsExactlyInAnyOrder("id", "type", "occurredAt", "deliveries");
    assertThat(first.path("type").asString()).isEqualTo("project.created");
    assertThat(first.path("occurredAt").asString()).isEqualTo("2025-01-01T03:00:00Z");
    assertThat(first.path("deliveries").isArray()).isTrue();
    assertThat(first.path("deliveries").size()).isZero();
    assertThat(ids(tenant.api().get("/v1/events?type=project.created").json())).containsExactly(e5);
    assertThat(
            ids(
                tenant
                    .api()
                    .get(
                        "/v1/events?since=2025-01-01T01:00:00Z&until=2025-01-01T03:00:00Z&type=task.created")
                    .json()))
        .containsExactly(e4, e3, e2);
    assertThat(ids(tenant.api().get("/v1/events?since=2025-01-01T02:00:00%2B01:00").json()))
        .containsExactly(e5, e4, e3, e2);

    assertThat(ids(other.api().get("/v1/events").json())).containsExactly(foreign);
    assertThat(other.api().get("/v1/events/" + e1).status()).isEqualTo(404);
    assertThat(tenant.api().get("/v1/events/" + foreign).code()).isEqualTo("not_found");
    assertThat(tenant.api().get("/v1/events/" + e1).json().path("id").asString()).isEqualTo(e1);

    Api api = tenant.api();
    assertThat(field(api.get("/v1/events?type=task.exploded"))).isEqualTo("type");
    assertThat(field(api.get("/v1/events?since=yesterday"))).isEqualTo("since");
    assertThat(field(api.get("/v1/events?until=2025-13-01T00:00:00Z"))).isEqualTo("until");
    assertThat(field(api.get("/v1/events?since=2025-01-02T00:00:00Z&until=2025-01-01T00:00:00Z")))
        .isEqualTo("until");
    assertThat(field(api.get("/v1/events?limit=0"))).isEqualTo("limit");
    assertThat(field(api.get("/v1/events?limit=101"))).isEqualTo("limit");
    assertThat(field(api.get("/v1/events?cursor=not-a-cursor"))).isEqualTo("cursor");

    String narrow =
        api.post("/v1/api-keys", Map.of("name", "workspace", "scopes", List.of("workspace:read")))
            .json()
            .path("key")
            .asString();
    assertThat(api.withToken(narrow).get("/v1/events").code()).isEqualTo("insufficient_scope");
    String reader =
        api.post("/v1/api-keys", Map.of("name", "reader", "scopes", List.of("webhooks:read")))
            .json()
            .path("key")
            .asString();
    assertThat(api.withToken(reader).get("/v1/events").status()).isEqualTo(200);
    assertThat(anonymous().get("/v1/events").status()).isEqualTo(401);
  }

  @Test
  default void each_event_shows_how_each_delivery_ended_and_a_page_takes_two_statements() {
    Tenant tenant = newTenant("pro");
    Tenant other = newTenant("pro");
    try (Receiver ok = new Receiver();
        Receiver broken = new Receiver()) {
      broken.respondWith(503);
      String good = webhook(tenant, ok.url("/ok"), "project.created");
      String bad = webhook(tenant, broken.url("/bad"), "project.created");
      webhook(other, ok.url("/other"), "project.created");
      List<String> projects = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Api.Result created = tenant.api().post("/v1/projects", Map.of("name", "P" + i));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        projects.add(created.json().path("id").asString());
      }
      ok.take(WAIT);
      broken.take(WAIT);

      JsonNode event =
          await(
              tenant,
              page -> {
                JsonNode newest = page.path("data").get(0);
                return newest.path("deliveries").size() == 2
                        && newest.path("deliveries").get(0).path("attempts").asInt() >= 1
                        && newest.path("deliveries").get(1).path("attempts").asInt() >= 1
                    ? newest
                    : null;
              });

      assertThat(event.path("type").asString()).isEqualTo("project.created");
      JsonNode deliveries = event.path("deliveries");
      JsonNode toGood =
          deliveries.get(0).path("webhookId").asString().equals(good)
              ? deliveries.get(0)
              : deliveries.get(1);
      JsonNode toBad = toGood == deliveries.get(0) ? deliveries.get(1) : deliveries.get(0);
      assertThat(toGood.propertyNames())
          .containsExactlyInAnyOrder(
              "id",
              "webhookId",
              "url",
              "status",
              "attempts",
              "responseStatus",
              "lastAttemptAt",
              "test");
      assertThat(toGood.path("status").asString()).isEqualTo("succeeded");
      assertThat(toGood.path("responseStatus").asInt()).isEqualTo(200);
      assertThat(toGood.path("url").asString()).isEqualTo(ok.url("/ok"));
      assertThat(toBad.path("webhookId").asString()).isEqualTo(bad);
      assertThat(toBad.path("status").asString()).isIn("pending", "failed");
      assertThat(toBad.path("responseStatus").asInt()).isEqualTo(503);
      Api.Result delivery =
          tenant.api().get("/v1/webhooks/" + good + "/deliveries/" + toGood.path("id").asString());
      assertThat(delivery.status()).as(delivery.body()).isEqualTo(200);
      assertThat(
              tenant
                  .api()
                  .get("/v1/events/" + event.path("id").asString())
                  .json()
                  .path("deliveries")
                  .size())
          .isEqualTo(2);
      assertThat(ids(other.api().get("/v1/events").json()))
          .doesNotContain(event.path("id").asString());

      CountingDataSource counting = new CountingDataSource(dataSource());
      EventLog log = new EventLog(JdbcClient.create(counting.dataSource()));
      var page = log.list(tenant.orgId(), EventLog.Filter.NONE, null, null);
      assertThat(page.data()).hasSize(3);
      assertThat(page.data()).allSatisfy(e -> assertThat(e.deliveries()).hasSize(2));
      assertThat(counting.statements()).hasSize(2);
    }
  }

  private String webhook(Tenant tenant, String url, String... types) {
    Api.Result created =
        tenant
            .api()
            .post(
                "/v1/webhooks",
                Map.of("url", url, "events", List.of(types), "secret", "whsec_" + Ids.random(24)));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asString();
  }

  private JsonNode await(Tenant tenant, java.util.function.Function<JsonNode, JsonNode> found) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      JsonNode result = found.apply(tenant.api().get("/v1/events").json());
      if (result != null) {
        return result;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the events never showed their deliveries' outcomes");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
