package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.events.EventPublisher;
import com.verk.server.events.EventType;
import com.verk.server.testing.Receiver;
import com.verk.server.testing.ServerTest.Tenant;
import com.verk.server.testing.SqliteServerTest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** A server with a 1 s budget (5 s in production) against a receiver that never answers. */
class HangingReceiverTimesOutTest extends SqliteServerTest {

  @Autowired DataSource dataSource;
  @Autowired EventPublisher publisher;
  @Autowired Dispatcher dispatcher;

  @DynamicPropertySource
  static void shortTimeout(DynamicPropertyRegistry registry) {
    registry.add("verk.webhooks.timeout", () -> "1s");
    registry.add("verk.webhooks.lease", () -> "10s");
  }

  @Test
  void a_receiver_that_hangs_is_a_timed_out_attempt_retried_on_the_schedule() {
    DeliveryFixtures f = new DeliveryFixtures(dataSource, publisher, dispatcher, clock);
    Tenant tenant = newTenant("pro");
    CountDownLatch release = new CountDownLatch(1);
    try (Receiver receiver = new Receiver()) {
      receiver.respondWith(
          r -> {
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return Receiver.Response.ok();
          });
      String hook = f.webhook(tenant.orgId(), receiver.url("/hang"), "s", EventType.TASK_CREATED);
      String id = f.deliveryOf(f.publish(tenant.orgId(), EventType.TASK_CREATED, Map.of()), hook);

      Map<String, Object> row =
          f.awaitDelivery(id, r -> DeliveryFixtures.number(r.get("attempts")) == 1);
      JsonNode test =
          tenant
              .api()
              .post("/v1/webhooks/" + hook + "/test", Map.of("event", "task.created"))
              .json();

      assertThat((String) row.get("last_error")).contains("timeout");
      assertThat(row.get("response_status")).isNull();
      assertThat(row.get("status")).isEqualTo("pending");
      assertThat(
              Duration.ofMillis(
                  DeliveryFixtures.number(row.get("next_attempt_at"))
                      - DeliveryFixtures.number(row.get("last_attempt_at"))))
          .isEqualTo(Duration.ofMinutes(1));
      assertThat(test.path("success").asBoolean()).isFalse();
      assertThat(test.path("responseStatus").isNull()).isTrue();
      assertThat(test.path("error").asString()).contains("timeout");
    } finally {
      release.countDown();
    }
  }

  @Test
  void send_test_to_an_endpoint_answering_an_unusual_1xx_answers_within_the_budget_not_500() {
    DeliveryFixtures f = new DeliveryFixtures(dataSource, publisher, dispatcher, clock);
    Tenant tenant = newTenant("pro");
    try (HostileReceiver receiver = new HostileReceiver(HostileReceiver.Answer.INFORMATIONAL_150)) {
      String hook = f.webhook(tenant.orgId(), receiver.url(), "s", EventType.TASK_CREATED);

      com.verk.server.testing.Api.Result test =
          tenant.api().post("/v1/webhooks/" + hook + "/test", Map.of("event", "task.created"));

      assertThat(test.status()).isEqualTo(200);
      assertThat(test.json().path("success").asBoolean()).isFalse();
      assertThat(test.json().path("error").asString()).contains("timeout");
      Map<String, Object> row = f.delivery(test.json().path("deliveryId").asString());
      assertThat(DeliveryFixtures.number(row.get("attempts"))).isEqualTo(1);
      assertThat(row.get("lease_owner")).as("the test delivery is not left leased").isNull();
      assertThat(row.get("status")).isEqualTo("failed");
    }
  }
}
