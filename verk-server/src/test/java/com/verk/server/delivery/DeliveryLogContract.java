package com.verk.server.delivery;

import static com.verk.server.delivery.DeliveryFixtures.bool;
import static com.verk.server.delivery.DeliveryFixtures.number;
import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.events.EventCatalog;
import com.verk.server.events.EventType;
import com.verk.server.system.Times;
import com.verk.server.testing.Api;
import com.verk.server.testing.Receiver;
import com.verk.server.testing.ServerTest.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The delivery log API, redeliver, recover input, Send Test and retention. */
interface DeliveryLogContract extends DeliveryServerAccess {

  Duration WAIT = Duration.ofSeconds(20);

  @Test
  default void the_log_lists_newest_first_filters_and_pages_and_hides_other_organizations() {
    Tenant tenant = newTenant("pro");
    Tenant other = newTenant("pro");
    DeliveryFixtures f = fixtures();
    try (Receiver receiver = new Receiver()) {
      String hook =
          f.webhook(
              tenant.orgId(),
              receiver.url("/log"),
              "s",
              EventType.TASK_CREATED,
              EventType.TASK_COMPLETED);
      List<String> ids = new ArrayList<>();
      for (EventType type :
          List.of(EventType.TASK_CREATED, EventType.TASK_COMPLETED, EventType.TASK_CREATED)) {
        ids.add(f.deliveryOf(f.publish(tenant.orgId(), type, Map.of("id", "task_1")), hook));
        clock().advance(Duration.ofMillis(5)); // distinct creation times for a stable order
      }
      for (String id : ids) {
        f.awaitDelivery(id, r -> "succeeded".equals(r.get("status")));
      }
      String base = "/v1/webhooks/" + hook + "/deliveries";

      JsonNode first = tenant.api().get(base + "?limit=2").json();
      JsonNode second =
          tenant.api().get(base + "?limit=2&cursor=" + first.path("nextCursor").asString()).json();
      JsonNode completed = tenant.api().get(base + "?event=task.completed").json();

      assertThat(ids(first)).containsExactly(ids.get(2), ids.get(1));
      assertThat(ids(second)).containsExactly(ids.get(0));
      assertThat(second.path("nextCursor").isNull()).isTrue();
      assertThat(ids(completed)).containsExactly(ids.get(1));
      assertThat(ids(tenant.api().get(base + "?status=failed").json())).isEmpty();
      JsonNode item = first.path("data").get(0);
      assertThat(item.propertyNames())
          .containsExactlyInAnyOrder(
              "id",
              "event",
              "timestamp",
              "status",
              "attempts",
              "responseStatus",
              "responseTimeMs",
              "nextAttemptAt",
              "test");
      assertThat(item.path("attempts").asInt()).isEqualTo(1);
      assertThat(item.path("responseStatus").asInt()).isEqualTo(200);
      assertThat(item.path("test").asBoolean()).isFalse();

      assertThat(
              tenant
                  .api()
                  .get(base + "?status=weird")
                  .json()
                  .path("errors")
                  .get(0)
                  .path("field")
                  .asString())
          .isEqualTo("status");
      assertThat(tenant.api().get(base + "?limit=0").status()).isEqualTo(400);
      assertThat(tenant.api().get(base + "?cursor=not-a-cursor").status()).isEqualTo(400);
      assertThat(other.api().get(base).status()).isEqualTo(404);
      assertThat(other.api().get(base + "/" + ids.get(0)).status()).isEqualTo(404);
      assertThat(other.api().post(base + "/" + ids.get(0) + "/redeliver", Map.of()).status())
          .isEqualTo(404);
      assertThat(tenant.api().get(base + "/delivery_nope").code()).isEqualTo("not_found");
    }
  }

  @Test
  default void
      the_log_is_searched_by_time_range_delivery_id_and_object_id_within_one_organization() {
    Tenant tenant = newTenant("pro");
    Tenant other = newTenant("pro");
    DeliveryFixtures f = fixtures();
    try (Receiver receiver = new Receiver()) {
      String hook =
          f.webhook(
              tenant.orgId(),
              receiver.url("/search"),
              "s",
              EventType.TASK_CREATED,
              EventType.COMMENT_CREATED);
      String otherHook =
          f.webhook(other.orgId(), receiver.url("/other"), "s", EventType.TASK_CREATED);
      long t0 = clock().millis();
      String task1 =
          f.deliveryOf(
              f.publish(tenant.orgId(), EventType.TASK_CREATED, Map.of("id", "task_1")), hook);
      clock().advance(Duration.ofHours(1));
      String comment =
          f.deliveryOf(
              f.publish(
                  tenant.orgId(),
                  EventType.COMMENT_CREATED,
                  Map.of("id", "comment_9", "taskId", "task_1")),
              hook);
      clock().advance(Duration.ofHours(1));
      String task2 =
          f.deliveryOf(
              f.publish(tenant.orgId(), EventType.TASK_CREATED, Map.of("id", "task_2")), hook);
      // The other organization has an object with the same id, and a delivery of its own.
      String foreign =
          f.deliveryOf(
              f.publish(other.orgId(), EventType.TASK_CREATED, Map.of("id", "task_1")), otherHook);
      String base = "/v1/webhooks/" + hook + "/deliveries";
      Api api = tenant.api();

      assertThat(ids(api.get(base + "?objectId=task_1").json())).containsExactly(task1);
      assertThat(ids(api.get(base + "?objectId=comment_9").json())).containsExactly(comment);
      assertThat(ids(api.get(base + "?objectId=task_1&event=comment.created").json())).isEmpty();
      assertThat(ids(api.get(base + "?objectId=nothing_here").json())).isEmpty();
      assertThat(ids(api.get(base + "?deliveryId=" + task2).json())).containsExactly(task2);
      assertThat(ids(api.get(base + "?deliveryId=" + foreign).json()))
          .as("another organization's delivery is not found through this webhook")
          .isEmpty();
      String afterFirst = Times.iso(t0 + Duration.ofMinutes(30).toMillis());
      String beforeLast = Times.iso(t0 + Duration.ofMinutes(90).toMillis());
      assertThat(ids(api.get(base + "?since=" + afterFirst).json()))
          .containsExactly(task2, comment);
      assertThat(ids(api.get(base + "?since=" + afterFirst + "&until=" + beforeLast).json()))
          .containsExactly(comment);
      assertThat(ids(api.get(base + "?until=" + Times.iso(t0)).json()))
          .as("until is exclusive")
          .isEmpty();
      assertThat(ids(api.get(base + "?since=" + Times.iso(t0) + "&limit=1").json()))
          .containsExactly(task2);

      // The other organization finds only its own delivery of "task_1", and nothing of ours.
      assertThat(
              ids(
                  other
                      .api()
                      .get("/v1/webhooks/" + otherHook + "/deliveries?objectId=task_1")
                      .json()))
          .containsExactly(foreign);
      assertThat(other.api().get(base + "?objectId=task_1").status()).isEqualTo(404);

      assertThat(field(api.get(base + "?since=yesterday"))).isEqualTo("since");
      assertThat(field(api.get(base + "?until=2024-13-01T00:00:00Z"))).isEqualTo("until");
      assertThat(field(api.get(base + "?since=" + beforeLast + "&until=" + afterFirst)))
          .isEqualTo("until");
      assertThat(field(api.get(base + "?objectId="))).isEqualTo("objectId");
      assertThat(field(api.get(base + "?deliveryId=" + "d".repeat(201)))).isEqualTo("deliveryId");
      assertThat(field(api.get(base + "?event=task.nope"))).isEqualTo("event");
    }
  }

  private static String field(Api.Result result) {
    assertThat(result.status()).as(result.body()).isEqualTo(400);
    return result.json().path("errors").get(0).path("field").asString();
  }

  @Test
  default void redeliver_sends_the_same_delivery_again_now_with_a_fresh_retry_budget() {
    Tenant tenant = newTenant("pro");
    DeliveryFixtures f = fixtures();
    try (Receiver receiver = new Receiver()) {
      String hook =
          f.webhook(tenant.orgId(), receiver.url("/again"), "s", EventType.PROJECT_CREATED);
      String id =
          f.deliveryOf(
              f.publish(tenant.orgId(), EventType.PROJECT_CREATED, Map.of("id", "proj_1")), hook);
      Receiver.Request first = receiver.take(WAIT);
      f.awaitDelivery(id, r -> "succeeded".equals(r.get("status")));

      Api.Result result =
          tenant.api().post("/v1/webhooks/" + hook + "/deliveries/" + id + "/redeliver", Map.of());
      Receiver.Request again = receiver.take(WAIT);

      assertThat(result.status()).isEqualTo(202);
      assertThat(result.json().path("id").asString()).isEqualTo(id);
      assertThat(result.json().path("status").asString()).isEqualTo("pending");
      assertThat(again.header("X-Verk-Delivery")).isEqualTo(id);
      assertThat(again.body()).isEqualTo(first.body());
      Map<String, Object> row =
          f.awaitDelivery(
              id, r -> number(r.get("attempts")) == 2 && "succeeded".equals(r.get("status")));
      assertThat(number(row.get("retry_base"))).isEqualTo(1);
    }
  }

  @Test
  default void send_test_delivers_the_catalog_sample_at_once_even_to_a_disabled_webhook() {
    Tenant tenant = newTenant("pro");
    DeliveryFixtures f = fixtures();
    try (Receiver receiver = new Receiver()) {
      String secret = "test-secret";
      String hook = f.webhook(tenant.orgId(), receiver.url("/t"), secret, EventType.TASK_CREATED);
      f.jdbc()
          .update(
              "UPDATE webhooks SET active = FALSE, disabled_reason = 'by hand' WHERE id = ?", hook);

      Api.Result result =
          tenant
              .api()
              .post("/v1/webhooks/" + hook + "/test", Map.of("event", "member.role_changed"));
      Receiver.Request request = receiver.take(WAIT);

      assertThat(result.status()).as(result.body()).isEqualTo(200);
      JsonNode json = result.json();
      assertThat(json.propertyNames())
          .containsExactlyInAnyOrder(
              "deliveryId", "success", "responseStatus", "responseTimeMs", "error");
      assertThat(json.path("success").asBoolean()).isTrue();
      assertThat(json.path("responseStatus").asInt()).isEqualTo(200);
      assertThat(json.path("error").isNull()).isTrue();
      String deliveryId = json.path("deliveryId").asString();
      JsonNode body = Api.JSON.readTree(request.bodyText());
      assertThat(body.path("deliveryId").asString()).isEqualTo(deliveryId);
      assertThat(body.path("event").asString()).isEqualTo("member.role_changed");
      assertThat(Api.JSON.convertValue(body.path("data"), Map.class))
          .isEqualTo(EventCatalog.get(EventType.MEMBER_ROLE_CHANGED).sample());
      assertThat(request.header("X-Verk-Signature"))
          .isEqualTo(Hmac.spec(secret, request.bodyText()));
      JsonNode log = tenant.api().get("/v1/webhooks/" + hook + "/deliveries").json();
      assertThat(log.path("data").get(0).path("id").asString()).isEqualTo(deliveryId);
      assertThat(log.path("data").get(0).path("test").asBoolean()).isTrue();
      assertThat(log.path("data").get(0).path("status").asString()).isEqualTo("succeeded");
      assertThat(bool(f.webhookRow(hook).get("active"))).isFalse();
      assertThat(f.webhookRow(hook).get("last_success_at")).isNull();
    }
  }

  @Test
  default void send_test_reports_a_failure_and_refuses_an_unknown_event() {
    Tenant tenant = newTenant("pro");
    DeliveryFixtures f = fixtures();
    try (Receiver receiver = new Receiver()) {
      receiver.respondWith(503);
      String hook = f.webhook(tenant.orgId(), receiver.url("/t"), "s", EventType.TASK_CREATED);

      JsonNode failed =
          tenant
              .api()
              .post("/v1/webhooks/" + hook + "/test", Map.of("event", "task.created"))
              .json();
      Api.Result unknown =
          tenant.api().post("/v1/webhooks/" + hook + "/test", Map.of("event", "task.exploded"));
      Api.Result missing = tenant.api().post("/v1/webhooks/" + hook + "/test", Map.of());

      assertThat(failed.path("success").asBoolean()).isFalse();
      assertThat(failed.path("responseStatus").asInt()).isEqualTo(503);
      assertThat(failed.path("error").asString()).contains("503");
      Map<String, Object> row = f.delivery(failed.path("deliveryId").asString());
      assertThat(row.get("status")).isEqualTo("failed");
      assertThat(row.get("next_attempt_at")).isNull();
      assertThat(unknown.status()).isEqualTo(400);
      assertThat(unknown.json().path("errors").get(0).path("field").asString()).isEqualTo("event");
      assertThat(missing.json().path("errors").get(0).path("field").asString()).isEqualTo("event");
    }
  }

  @Test
  default void recover_names_since_when_it_is_missing_or_not_a_time() {
    Tenant tenant = newTenant("pro");
    String hook =
        fixtures().webhook(tenant.orgId(), "https://example.com/h", "s", EventType.TASK_CREATED);

    Api.Result missing = tenant.api().post("/v1/webhooks/" + hook + "/recover", Map.of());
    Api.Result garbage =
        tenant.api().post("/v1/webhooks/" + hook + "/recover", Map.of("since", "yesterday"));
    Api.Result none =
        tenant
            .api()
            .post("/v1/webhooks/" + hook + "/recover", Map.of("since", "2024-01-15T10:30:00Z"));

    assertThat(missing.json().path("errors").get(0).path("field").asString()).isEqualTo("since");
    assertThat(garbage.status()).isEqualTo(400);
    assertThat(garbage.json().path("errors").get(0).path("field").asString()).isEqualTo("since");
    assertThat(none.status()).isEqualTo(202);
    assertThat(none.json().path("queued").asInt()).isZero();
  }

  @Test
  default void retention_purges_finished_history_but_never_pending_work() {
    Tenant tenant = newTenant("pro");
    DeliveryFixtures f = fixtures();
    try (Receiver receiver = new Receiver()) {
      String hook = f.webhook(tenant.orgId(), receiver.url("/r"), "s", EventType.FILE_DELETED);
      String event = f.publish(tenant.orgId(), EventType.FILE_DELETED, Map.of("id", "file_1"));
      String old = f.deliveryOf(event, hook);
      f.awaitDelivery(old, r -> "succeeded".equals(r.get("status")));
      long longAgo = clock().millis() - Duration.ofDays(31).toMillis();
      f.jdbc().update("UPDATE deliveries SET created_at = ? WHERE id = ?", longAgo, old);
      f.jdbc().update("UPDATE events SET occurred_at = ? WHERE id = ?", longAgo, event);
      f.jdbc().update("UPDATE webhooks SET active = FALSE WHERE id = ?", hook);
      String keptEvent = f.publish(tenant.orgId(), EventType.FILE_DELETED, Map.of("id", "file_2"));
      String pending = f.deliveryOf(keptEvent, hook);
      f.jdbc()
          .update(
              "UPDATE deliveries SET status = 'pending', next_attempt_at = ?, created_at = ? WHERE id = ?",
              clock().millis() + Duration.ofDays(1).toMillis(),
              longAgo,
              pending);

      housekeeping().purge();

      assertThat(
              f.jdbc()
                  .queryForObject(
                      "SELECT COUNT(*) FROM deliveries WHERE id = ?", Integer.class, old))
          .isZero();
      assertThat(
              f.jdbc()
                  .queryForObject(
                      "SELECT COUNT(*) FROM delivery_attempts WHERE delivery_id = ?",
                      Integer.class,
                      old))
          .isZero();
      assertThat(
              f.jdbc()
                  .queryForObject("SELECT COUNT(*) FROM events WHERE id = ?", Integer.class, event))
          .isZero();
      assertThat(f.delivery(pending).get("status")).isEqualTo("pending");
    }
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("data").forEach(d -> ids.add(d.path("id").asString()));
    return ids;
  }
}
