package com.verk.server.delivery;

import static com.verk.server.delivery.DeliveryFixtures.bool;
import static com.verk.server.delivery.DeliveryFixtures.number;
import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.events.EventType;
import com.verk.server.system.Times;
import com.verk.server.testing.Api;
import com.verk.server.testing.Receiver;
import com.verk.server.testing.ServerTest.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Sending, signing, retrying, disabling and recovering, against a real receiver on loopback. */
interface DeliveryEngineContract extends DeliveryServerAccess {

  Duration WAIT = Duration.ofSeconds(20);
  List<Duration> SCHEDULE =
      List.of(
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(15),
          Duration.ofHours(1),
          Duration.ofHours(3),
          Duration.ofHours(6));

  @Test
  default void a_published_event_arrives_with_the_envelope_and_signatures_the_spec_accepts() {
    Tenant tenant = newTenant("pro");
    DeliveryFixtures f = fixtures();
    try (Receiver receiver = new Receiver()) {
      String secret = "your_webhook_secret_12345";
      String hook =
          f.webhook(tenant.orgId(), receiver.url("/hook"), secret, EventType.TASK_CREATED);
      String event =
          f.publish(
              tenant.orgId(),
              EventType.TASK_CREATED,
              Map.of("id", "task_1", "title", "Ünïcode \"quoted\" </script>"));

      Receiver.Request request = receiver.take(WAIT);
      String deliveryId = f.deliveryOf(event, hook);
      String payload = request.bodyText();
      JsonNode body = Api.JSON.readTree(payload);

      assertThat(body.propertyNames())
          .containsExactly("event", "timestamp", "webhookId", "deliveryId", "data", "organization");
      assertThat(body.path("event").asString()).isEqualTo("task.created");
      assertThat(Instant.parse(body.path("timestamp").asString())).isNotNull();
      assertThat(body.path("webhookId").asString()).isEqualTo(hook);
      assertThat(body.path("deliveryId").asString()).isEqualTo(deliveryId);
      assertThat(body.path("data").path("title").asString())
          .isEqualTo("Ünïcode \"quoted\" </script>");
      assertThat(body.path("organization").path("id").asString()).isEqualTo(tenant.orgId());
      assertThat(body.path("organization").path("name").asString()).isEqualTo(tenant.name());

      assertThat(request.header("X-Verk-Signature")).isEqualTo(Hmac.spec(secret, payload));
      assertThat(request.header("X-Verk-Signature-Previous")).isNull();
      assertThat(request.header("Content-Type")).startsWith("application/json");
      assertThat(request.header("User-Agent")).startsWith("Verk-Webhooks/");
      assertThat(request.header("X-Verk-Event")).isEqualTo("task.created");
      assertThat(request.header("X-Verk-Delivery")).isEqualTo(deliveryId);
      assertThat(request.header("webhook-id")).isEqualTo(deliveryId);
      assertThat(request.header("webhook-signature"))
          .isEqualTo(
              Hmac.standard(
                  Hmac.whsec(secret), deliveryId, request.header("webhook-timestamp"), payload));
      assertThat(Long.parseLong(request.header("webhook-timestamp")))
          .isCloseTo(clock().millis() / 1000, org.assertj.core.data.Offset.offset(60L));

      f.awaitDelivery(deliveryId, row -> "succeeded".equals(row.get("status")));
      JsonNode detail =
          tenant.api().get("/v1/webhooks/" + hook + "/deliveries/" + deliveryId).json();
      assertThat(detail.path("status").asString()).isEqualTo("succeeded");
      assertThat(detail.path("attemptLog")).hasSize(1);
      assertThat(detail.path("attemptLog").get(0).path("responseStatus").asInt()).isEqualTo(200);
      assertThat(detail.path("request").path("body").asString()).isEqualTo(payload);
      assertThat(detail.path("request").path("headers").path("X-Verk-Signature").asString())
          .isEqualTo(request.header("X-Verk-Signature"));
      assertThat(detail.toString()).doesNotContain(secret);
    }
  }

  @Test
  default void failures_follow_the_retry_schedule_then_disable_the_webhook_until_recovered() {
    Tenant tenant = newTenant("pro");
    DeliveryFixtures f = fixtures();
    try (Receiver receiver = new Receiver()) {
      receiver.respondWith(500);
      String hook =
          f.webhook(tenant.orgId(), receiver.url("/down"), "s3cret", EventType.TASK_CREATED);
      String since = Times.iso(clock().millis() - 1000);
      String deliveryId =
          f.deliveryOf(f.publish(tenant.orgId(), EventType.TASK_CREATED, Map.of("n", 1)), hook);

      byte[] firstBody = null;
      for (int attempt = 1; attempt <= 7; attempt++) {
        Receiver.Request request = receiver.take(WAIT);
        assertThat(request.header("X-Verk-Delivery")).isEqualTo(deliveryId);
        if (firstBody == null) {
          firstBody = request.body();
        }
        assertThat(request.body()).as("body of attempt %d", attempt).isEqualTo(firstBody);
        int n = attempt;
        Map<String, Object> row = f.awaitDelivery(deliveryId, r -> number(r.get("attempts")) == n);
        if (attempt < 7) {
          Duration delay = SCHEDULE.get(attempt - 1);
          assertThat(row.get("status")).isEqualTo("pending");
          assertThat(number(row.get("next_attempt_at")) - number(row.get("last_attempt_at")))
              .isEqualTo(delay.toMillis());
          assertThat(bool(f.webhookRow(hook).get("active"))).isTrue();
          clock().advance(delay);
          f.wake();
        } else {
          assertThat(row.get("status")).isEqualTo("failed");
          assertThat(row.get("next_attempt_at")).isNull();
        }
      }

      Map<String, Object> webhook = f.webhookRow(hook);
      assertThat(bool(webhook.get("active"))).isFalse();
      assertThat(webhook.get("disabled_at")).isNotNull();
      assertThat((String) webhook.get("disabled_reason")).contains(deliveryId).contains("HTTP 500");
      String skipped =
          f.deliveryOf(f.publish(tenant.orgId(), EventType.TASK_CREATED, Map.of("n", 2)), hook);
      assertThat(f.delivery(skipped).get("status")).isEqualTo("skipped");
      assertThat(
              tenant.api().post("/v1/webhooks/" + hook + "/recover", Map.of("since", since)).code())
          .as("recover while disabled")
          .isEqualTo("conflict");

      Api.Result enabled = tenant.api().patch("/v1/webhooks/" + hook, Map.of("active", true));
      assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
      assertThat(enabled.json().path("active").asBoolean()).isTrue();
      assertThat(enabled.json().path("disabledReason").isNull()).isTrue();
      receiver.respondWith(200);
      Api.Result recovered =
          tenant.api().post("/v1/webhooks/" + hook + "/recover", Map.of("since", since));
      assertThat(recovered.status()).isEqualTo(202);
      assertThat(recovered.json().path("queued").asInt()).isEqualTo(2);
      Set<String> arrived = new HashSet<>();
      arrived.add(receiver.take(WAIT).header("X-Verk-Delivery"));
      arrived.add(receiver.take(WAIT).header("X-Verk-Delivery"));
      assertThat(arrived).containsExactlyInAnyOrder(deliveryId, skipped);
      Map<String, Object> done =
          f.awaitDelivery(deliveryId, r -> "succeeded".equals(r.get("status")));
      assertThat(number(done.get("attempts"))).isEqualTo(8);
      f.awaitDelivery(skipped, r -> "succeeded".equals(r.get("status")));
    }
  }

  @Test
  default void a_success_since_the_first_attempt_keeps_the_webhook_enabled() {
    Tenant tenant = newTenant("pro");
    DeliveryFixtures f = fixtures();
    try (Receiver receiver = new Receiver()) {
      receiver.respondWith(
          r -> new Receiver.Response(r.bodyText().contains("\"ok\"") ? 200 : 503, ""));
      String hook = f.webhook(tenant.orgId(), receiver.url("/flaky"), "s", EventType.TASK_UPDATED);
      String failing =
          f.deliveryOf(f.publish(tenant.orgId(), EventType.TASK_UPDATED, Map.of("bad", 1)), hook);
      f.awaitDelivery(failing, r -> number(r.get("attempts")) == 1);
      String fine =
          f.deliveryOf(f.publish(tenant.orgId(), EventType.TASK_UPDATED, Map.of("ok", 1)), hook);
      f.awaitDelivery(fine, r -> "succeeded".equals(r.get("status")));
      for (int attempt = 2; attempt <= 7; attempt++) {
        clock().advance(SCHEDULE.get(attempt - 2));
        int n = attempt;
        f.awaitDelivery(failing, r -> number(r.get("attempts")) == n);
      }

      assertThat(f.delivery(failing).get("status")).isEqualTo("failed");
      assertThat(bool(f.webhookRow(hook).get("active"))).isTrue();
    }
  }

  @Test
  default void during_a_rotation_overlap_both_secrets_sign_and_afterwards_only_the_new_one() {
    Tenant tenant = newTenant("pro");
    DeliveryFixtures f = fixtures();
    try (Receiver receiver = new Receiver()) {
      String hook =
          f.webhook(tenant.orgId(), receiver.url("/rot"), "new-secret", EventType.FILE_UPLOADED);
      f.jdbc()
          .update(
              "UPDATE webhooks SET previous_secret = 'old-secret', previous_secret_expires_at = ?"
                  + " WHERE id = ?",
              clock().millis() + Duration.ofHours(24).toMillis(),
              hook);
      f.publish(tenant.orgId(), EventType.FILE_UPLOADED, Map.of("id", "file_1"));
      Receiver.Request during = receiver.take(WAIT);
      String body = during.bodyText();
      String id = during.header("webhook-id");
      String ts = during.header("webhook-timestamp");

      assertThat(during.header("X-Verk-Signature")).isEqualTo(Hmac.spec("new-secret", body));
      assertThat(during.header("X-Verk-Signature-Previous"))
          .isEqualTo(Hmac.spec("old-secret", body));
      assertThat(during.header("webhook-signature"))
          .isEqualTo(
              Hmac.standard(Hmac.whsec("new-secret"), id, ts, body)
                  + " "
                  + Hmac.standard(Hmac.whsec("old-secret"), id, ts, body));

      clock().advance(Duration.ofHours(25));
      f.publish(tenant.orgId(), EventType.FILE_UPLOADED, Map.of("id", "file_2"));
      Receiver.Request after = receiver.take(WAIT);
      assertThat(after.header("X-Verk-Signature"))
          .isEqualTo(Hmac.spec("new-secret", after.bodyText()));
      assertThat(after.header("X-Verk-Signature-Previous")).isNull();
      assertThat(after.header("webhook-signature")).doesNotContain(" ");
    }
  }

  @Test
  default void a_redirect_is_a_failure_that_is_not_followed_and_response_bodies_keep_4_KiB() {
    Tenant tenant = newTenant("pro");
    DeliveryFixtures f = fixtures();
    try (Receiver receiver = new Receiver()) {
      receiver.respondWith(
          r ->
              r.path().equals("/moved")
                  ? new Receiver.Response(302, "")
                  : new Receiver.Response(200, "x".repeat(10_000)));
      String moved = f.webhook(tenant.orgId(), receiver.url("/moved"), "s", EventType.TASK_DELETED);
      String big = f.webhook(tenant.orgId(), receiver.url("/big"), "s", EventType.TASK_DELETED);
      String event = f.publish(tenant.orgId(), EventType.TASK_DELETED, Map.of("id", "task_9"));
      String movedId = f.deliveryOf(event, moved);
      String bigId = f.deliveryOf(event, big);

      Map<String, Object> redirected =
          f.awaitDelivery(movedId, r -> number(r.get("attempts")) == 1);
      f.awaitDelivery(bigId, r -> "succeeded".equals(r.get("status")));

      assertThat(redirected.get("status")).isEqualTo("pending");
      assertThat(number(redirected.get("response_status"))).isEqualTo(302);
      assertThat((String) redirected.get("last_error")).contains("redirects are not followed");
      assertThat(receiver.received()).hasSize(2);
      JsonNode attempt =
          tenant
              .api()
              .get("/v1/webhooks/" + big + "/deliveries/" + bigId)
              .json()
              .path("attemptLog")
              .get(0);
      assertThat(attempt.path("responseBody").asString()).hasSize(4096);
    }
  }

  @Test
  default void a_delivery_leased_by_a_dead_node_is_sent_once_the_lease_expires() {
    Tenant tenant = newTenant("pro");
    DeliveryFixtures f = fixtures();
    try (Receiver receiver = new Receiver()) {
      String hook =
          f.webhook(tenant.orgId(), receiver.url("/lease"), "s", EventType.COMMENT_CREATED);
      long now = clock().millis();
      String event = "evt_lease" + now;
      f.jdbc()
          .update(
              "INSERT INTO events (id, org_id, org_name, type, data, occurred_at)"
                  + " VALUES (?, ?, ?, 'comment.created', '{\"id\":\"comment_1\"}', ?)",
              event,
              tenant.orgId(),
              tenant.name(),
              now);
      String id = "delivery_lease" + now;
      f.jdbc()
          .update(
              "INSERT INTO deliveries (id, org_id, webhook_id, event_id, event_type, status,"
                  + " attempts, next_attempt_at, lease_owner, lease_expires_at, created_at,"
                  + " updated_at) VALUES (?, ?, ?, ?, 'comment.created', 'pending', 0, ?,"
                  + " 'dead-node', ?, ?, ?)",
              id,
              tenant.orgId(),
              hook,
              event,
              now,
              now + 60_000,
              now,
              now);
      f.wake();
      assertThat(f.delivery(id).get("lease_owner")).isEqualTo("dead-node");

      clock().advance(Duration.ofSeconds(61));
      f.wake();

      assertThat(receiver.take(WAIT).header("X-Verk-Delivery")).isEqualTo(id);
      Map<String, Object> row = f.awaitDelivery(id, r -> "succeeded".equals(r.get("status")));
      assertThat(row.get("lease_owner")).isNull();
    }
  }

  @Test
  default void a_hanging_endpoint_gets_at_most_its_limit_in_flight_and_never_blocks_another() {
    Tenant tenant = newTenant("pro");
    DeliveryFixtures f = fixtures();
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try (Receiver receiver = new Receiver()) {
      receiver.respondWith(
          r -> {
            if (r.path().equals("/slow")) {
              try {
                release.await(10, java.util.concurrent.TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return Receiver.Response.ok();
          });
      String slow = f.webhook(tenant.orgId(), receiver.url("/slow"), "s", EventType.TASK_CREATED);
      String healthy =
          f.webhook(tenant.orgId(), receiver.url("/healthy"), "s", EventType.PROJECT_CREATED);
      List<String> slowIds = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        slowIds.add(
            f.deliveryOf(f.publish(tenant.orgId(), EventType.TASK_CREATED, Map.of("i", i)), slow));
      }
      String healthyId =
          f.deliveryOf(f.publish(tenant.orgId(), EventType.PROJECT_CREATED, Map.of()), healthy);

      try {
        f.awaitDelivery(healthyId, r -> "succeeded".equals(r.get("status")));
        long slowSeen = receiver.received().stream().filter(r -> r.path().equals("/slow")).count();
        assertThat(slowSeen)
            .as("requests to the hanging endpoint in flight")
            .isLessThanOrEqualTo(32);
      } finally {
        release.countDown();
      }
      for (String id : slowIds) {
        f.awaitDelivery(id, r -> "succeeded".equals(r.get("status")));
      }
      assertThat(
              receiver.received().stream()
                  .filter(r -> r.path().equals("/slow"))
                  .map(r -> r.header("X-Verk-Delivery"))
                  .distinct())
          .hasSize(40);
    }
  }

  @Test
  default void attempts_are_counted_by_outcome_in_the_metrics() {
    Tenant tenant = newTenant("pro");
    DeliveryFixtures f = fixtures();
    try (Receiver receiver = new Receiver()) {
      String hook = f.webhook(tenant.orgId(), receiver.url("/m"), "s", EventType.MEMBER_ADDED);
      double before = succeeded();
      String id = f.deliveryOf(f.publish(tenant.orgId(), EventType.MEMBER_ADDED, Map.of()), hook);
      f.awaitDelivery(id, r -> "succeeded".equals(r.get("status")));

      assertThat(succeeded()).isGreaterThan(before);
      assertThat(meters().find("verk.delivery.attempt.duration").timer().count()).isPositive();
      assertThat(meters().find("verk.deliveries.due").gauge()).isNotNull();
      assertThat(meters().find("verk.webhooks.disabled").gauge()).isNotNull();
      assertThat(meters().find("verk.deliveries.in.flight").gauge()).isNotNull();
    }
  }

  private double succeeded() {
    var counter = meters().find("verk.delivery.attempts").tag("outcome", "succeeded").counter();
    return counter == null ? 0 : counter.count();
  }

  /** Collects the deliveryIds of {@code n} requests. */
  static List<String> deliveryIds(Receiver receiver, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(receiver.take(WAIT).header("X-Verk-Delivery"));
    }
    return ids;
  }
}
