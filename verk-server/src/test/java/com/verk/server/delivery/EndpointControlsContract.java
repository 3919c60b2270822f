package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.events.EventType;
import com.verk.server.testing.Api;
import com.verk.server.testing.Receiver;
import com.verk.server.testing.ServerTest.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The rate limit and back-pressure on a real server (SQLite and PostgreSQL) with real receivers:
 * webhooks made through the API, events published as domain changes publish them, arrival times
 * taken at the receiver. The assertions are rules (no second holds more than the limit allows,
 * nothing arrives during a pause), not benchmarks.
 */
interface EndpointControlsContract extends DeliveryServerAccess {

  private static String create(Api api, String url, String event, Integer rateLimit) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("url", url);
    body.put("events", List.of(event));
    body.put("rateLimit", rateLimit);
    Api.Result created = api.post("/v1/webhooks", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    if (rateLimit == null) {
      assertThat(created.json().path("rateLimit").isNull()).isTrue();
    } else {
      assertThat(created.json().path("rateLimit").asInt()).isEqualTo(rateLimit);
    }
    return created.json().path("id").asString();
  }

  /** Arrival times (ms, monotonic) of the requests to {@code path}. */
  private static int busiest(List<Long> times) {
    List<Long> sorted = new ArrayList<>(times);
    Collections.sort(sorted);
    int busiest = 0;
    for (int i = 0, j = 0; i < sorted.size(); i++) {
      while (sorted.get(i) - sorted.get(j) >= 1000) {
        j++;
      }
      busiest = Math.max(busiest, i - j + 1);
    }
    return busiest;
  }

  private static List<Long> arrivals(Receiver receiver, String path, Receiver.Response answer) {
    List<Long> times = Collections.synchronizedList(new ArrayList<>());
    receiver.respondWith(
        r -> {
          if (r.path().equals(path)) {
            times.add(System.nanoTime() / 1_000_000);
          }
          return answer;
        });
    return times;
  }

  @Test
  default void thirty_events_to_a_webhook_limited_to_5_per_second_all_arrive_and_no_faster() {
    DeliveryFixtures f = fixtures();
    Tenant tenant = newTenant("pro");
    try (Receiver receiver = new Receiver()) {
      // Warm the sender and the receiver up first (connection, first-request class loading), so
      // that a slow first request does not arrive together with the next ones.
      create(tenant.api(), receiver.url("/warm-up"), "task.updated", null);
      f.publish(tenant.orgId(), EventType.TASK_UPDATED, Map.of());
      receiver.take(Duration.ofSeconds(10));
      List<Long> times = arrivals(receiver, "/limited", Receiver.Response.ok());
      String hook = create(tenant.api(), receiver.url("/limited"), "task.created", 5);
      List<String> events = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        events.add(f.publish(tenant.orgId(), EventType.TASK_CREATED, Map.of("n", i)));
      }

      for (int i = 0; i < 30; i++) {
        receiver.take(Duration.ofSeconds(15));
      }

      for (String event : events) {
        String id = f.deliveryOf(event, hook);
        Map<String, Object> row = f.awaitDelivery(id, r -> "succeeded".equals(r.get("status")));
        assertThat(DeliveryFixtures.number(row.get("attempts")))
            .as("waiting used no attempt")
            .isEqualTo(1);
      }
      List<Long> sorted = new ArrayList<>(times);
      Collections.sort(sorted);
      int busiest = busiest(sorted);
      long t0 = sorted.get(0);
      assertThat(busiest)
          .as(
              "requests in any second at the receiver, at %s",
              sorted.stream().map(t -> t - t0).toList())
          .isLessThanOrEqualTo(7);
      List<Long> sent = new ArrayList<>();
      for (String event : events) {
        JsonNode detail =
            tenant
                .api()
                .get("/v1/webhooks/" + hook + "/deliveries/" + f.deliveryOf(event, hook))
                .json();
        sent.add(
            Instant.parse(detail.path("attemptLog").get(0).path("attemptedAt").asString())
                .toEpochMilli());
      }
      int busiestSent = busiest(sent);
      // The bucket grants at most limit + burst (5 + 1) in any second (RateBucketsTest proves the
      // rule exactly); an attempt's start is stamped a little after its grant, and that scheduling
      // jitter can move one start into the neighbouring second, as at the receiver.
      assertThat(busiestSent).as("attempts started in any second").isLessThanOrEqualTo(7);
      assertThat(sorted.get(29) - sorted.get(0))
          .as("30 requests at 5/s take close to 6 s")
          .isGreaterThanOrEqualTo(4_000);
      assertThat(sorted).hasSize(30);
    }
  }

  @Test
  default void a_429_with_retry_after_pauses_the_webhook_and_nothing_arrives_until_it_ends() {
    DeliveryFixtures f = fixtures();
    Tenant tenant = newTenant("pro");
    Tenant otherTenant = newTenant("pro");
    try (Receiver paused = new Receiver();
        Receiver sibling = new Receiver();
        Receiver stranger = new Receiver()) {
      AtomicInteger calls = new AtomicInteger();
      List<Long> times = Collections.synchronizedList(new ArrayList<>());
      paused.respondWith(
          r -> {
            times.add(System.nanoTime() / 1_000_000);
            return calls.getAndIncrement() == 0
                ? new Receiver.Response(429, "slow down", Map.of("Retry-After", "2"))
                : Receiver.Response.ok();
          });
      String hook = create(tenant.api(), paused.url("/busy"), "task.created", null);
      String siblingHook = create(tenant.api(), sibling.url("/sibling"), "task.updated", null);
      create(otherTenant.api(), stranger.url("/stranger"), "task.created", null);

      String first =
          f.deliveryOf(f.publish(tenant.orgId(), EventType.TASK_CREATED, Map.of()), hook);
      f.awaitDelivery(first, r -> DeliveryFixtures.number(r.get("attempts")) == 1);
      JsonNode view = tenant.api().get("/v1/webhooks/" + hook).json();
      assertThat(view.path("pausedUntil").isNull()).as(view.toString()).isFalse();
      String second =
          f.deliveryOf(f.publish(tenant.orgId(), EventType.TASK_CREATED, Map.of()), hook);
      f.publish(tenant.orgId(), EventType.TASK_UPDATED, Map.of());
      f.publish(otherTenant.orgId(), EventType.TASK_CREATED, Map.of());

      assertThat(sibling.take(Duration.ofSeconds(5))).isNotNull();
      assertThat(stranger.take(Duration.ofSeconds(5))).isNotNull();
      f.awaitDelivery(first, r -> "succeeded".equals(r.get("status")));
      f.awaitDelivery(second, r -> "succeeded".equals(r.get("status")));

      assertThat(times).hasSize(3);
      long gap = times.get(1) - times.get(0);
      assertThat(gap).as("the next attempt waits for the pause, 2 s").isBetween(1_800L, 15_000L);
      assertThat(times.get(2))
          .as("the other delivery waited too")
          .isGreaterThan(times.get(0) + 1_800);
      JsonNode detail = tenant.api().get("/v1/webhooks/" + hook + "/deliveries/" + first).json();
      assertThat(detail.path("attemptLog").get(0).path("error").asString())
          .isEqualTo("HTTP 429 (Retry-After: 2)");
      assertThat(detail.path("attemptLog").get(0).path("responseStatus").asInt()).isEqualTo(429);
      JsonNode secondDetail =
          tenant.api().get("/v1/webhooks/" + hook + "/deliveries/" + second).json();
      assertThat(secondDetail.path("attempts").asInt()).as("waiting used no attempt").isEqualTo(1);
      assertThat(
              tenant.api().get("/v1/webhooks/" + siblingHook).json().path("pausedUntil").isNull())
          .isTrue();
      assertThat(tenant.api().get("/v1/webhooks/" + hook).json().path("pausedUntil").isNull())
          .as("the pause is over")
          .isTrue();
    }
  }

  @Test
  default void an_http_date_pauses_until_then_and_garbage_or_huge_values_are_ignored_or_clamped() {
    DeliveryFixtures f = fixtures();
    Tenant tenant = newTenant("pro");
    try (Receiver dated = new Receiver();
        Receiver garbage = new Receiver();
        Receiver huge = new Receiver()) {
      AtomicInteger datedCalls = new AtomicInteger();
      List<Long> datedTimes = Collections.synchronizedList(new ArrayList<>());
      dated.respondWith(
          r -> {
            datedTimes.add(System.nanoTime() / 1_000_000);
            if (datedCalls.getAndIncrement() > 0) {
              return Receiver.Response.ok();
            }
            // The date is taken when the first attempt arrives (3 s ahead, at a second's
            // precision: 2 to 3 s), so a slow start on a loaded machine cannot shorten the pause.
            String date =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    clock().instant().plusSeconds(3).atOffset(ZoneOffset.UTC));
            return new Receiver.Response(503, "maintenance", Map.of("Retry-After", date));
          });
      garbage.respondWith(
          r -> new Receiver.Response(429, "no", Map.of("Retry-After", "whenever you like")));
      huge.respondWith(
          r -> new Receiver.Response(429, "no", Map.of("Retry-After", "9".repeat(40))));
      String datedHook = create(tenant.api(), dated.url("/dated"), "task.created", null);
      String garbageHook = create(tenant.api(), garbage.url("/garbage"), "task.updated", null);
      String hugeHook = create(tenant.api(), huge.url("/huge"), "task.deleted", null);

      String d =
          f.deliveryOf(f.publish(tenant.orgId(), EventType.TASK_CREATED, Map.of()), datedHook);
      String g =
          f.deliveryOf(f.publish(tenant.orgId(), EventType.TASK_UPDATED, Map.of()), garbageHook);
      String h =
          f.deliveryOf(f.publish(tenant.orgId(), EventType.TASK_DELETED, Map.of()), hugeHook);

      Map<String, Object> gRow =
          f.awaitDelivery(g, r -> DeliveryFixtures.number(r.get("attempts")) == 1);
      Map<String, Object> hRow =
          f.awaitDelivery(h, r -> DeliveryFixtures.number(r.get("attempts")) == 1);
      f.awaitDelivery(d, r -> "succeeded".equals(r.get("status")));

      assertThat((String) gRow.get("last_error"))
          .isEqualTo("HTTP 429 (Retry-After: whenever you like)");
      assertThat(
              DeliveryFixtures.number(gRow.get("next_attempt_at"))
                  - DeliveryFixtures.number(gRow.get("last_attempt_at")))
          .as("garbage is ignored: the schedule's first delay")
          .isEqualTo(60_000);
      assertThat(f.webhookRow(garbageHook).get("paused_until")).isNull();
      long hugePause =
          DeliveryFixtures.number(hRow.get("next_attempt_at"))
              - DeliveryFixtures.number(hRow.get("last_attempt_at"));
      assertThat(hugePause).as("clamped to an hour").isBetween(3_600_000L, 3_600_000L + 5_000);
      Instant pausedUntil =
          Instant.parse(
              tenant.api().get("/v1/webhooks/" + hugeHook).json().path("pausedUntil").asString());
      assertThat(pausedUntil)
          .isBetween(clock().instant().plusSeconds(3_500), clock().instant().plusSeconds(3_601));
      assertThat(datedTimes).hasSize(2);
      assertThat(datedTimes.get(1) - datedTimes.get(0))
          .as("until the date (3 s, at a second's precision)")
          .isBetween(1_800L, 15_000L);
    }
  }

  @Test
  default void rate_limit_is_validated_changed_and_removed_through_the_api() {
    Tenant tenant = newTenant("pro");
    Api api = tenant.api();
    for (Object bad : List.of(-1, 10_001, "fast", 2.5)) {
      Api.Result refused =
          api.post(
              "/v1/webhooks",
              Map.of(
                  "url",
                  "https://example.com/x",
                  "events",
                  List.of("task.created"),
                  "rateLimit",
                  bad));
      assertThat(refused.status()).as("rateLimit %s: %s", bad, refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains("rateLimit");
    }
    assertThat(api.get("/v1/webhooks").json().path("data").size()).as("nothing written").isZero();

    String id = create(api, "https://example.com/x", "task.created", 10_000);
    Api.Result patched = api.patch("/v1/webhooks/" + id, Map.of("rateLimit", 3));
    assertThat(patched.json().path("rateLimit").asInt()).isEqualTo(3);
    Api.Result unchanged = api.patch("/v1/webhooks/" + id, Map.of("description", "x"));
    assertThat(unchanged.json().path("rateLimit").asInt()).isEqualTo(3);
    Api.Result refused =
        api.patch("/v1/webhooks/" + id, Map.of("rateLimit", 20_000, "description", "y"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(api.get("/v1/webhooks/" + id).json().path("description").asString())
        .as("nothing of a refused change is written")
        .isEqualTo("x");
    Api.Result removed = api.patch("/v1/webhooks/" + id, Map.of("rateLimit", 0));
    assertThat(removed.json().path("rateLimit").isNull()).isTrue();
    assertThat(removed.json().path("description").asString()).isEqualTo("x");
    assertThat(api.get("/v1/webhooks").json().path("data").get(0).has("pausedUntil")).isTrue();
  }
}
