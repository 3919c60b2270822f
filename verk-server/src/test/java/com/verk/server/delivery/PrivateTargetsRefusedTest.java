package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.events.EventPublisher;
import com.verk.server.events.EventType;
import com.verk.server.testing.Receiver;
import com.verk.server.testing.SqliteServerTest;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A server with private targets not allowed refuses a loopback webhook when delivering. */
class PrivateTargetsRefusedTest extends SqliteServerTest {

  @Autowired DataSource dataSource;
  @Autowired EventPublisher publisher;
  @Autowired Dispatcher dispatcher;

  @DynamicPropertySource
  static void strict(DynamicPropertyRegistry registry) {
    registry.add("verk.webhooks.allow-private-targets", () -> "false");
  }

  @Test
  void a_webhook_pointing_at_a_private_address_fails_with_a_clear_error_and_nothing_is_sent() {
    DeliveryFixtures f = new DeliveryFixtures(dataSource, publisher, dispatcher, clock);
    String org = newTenant("pro").orgId();
    try (Receiver receiver = new Receiver()) {
      // Inserted directly: the API would refuse this URL when saving it.
      String hook = f.webhook(org, receiver.url("/internal"), "s", EventType.TASK_CREATED);
      String id = f.deliveryOf(f.publish(org, EventType.TASK_CREATED, Map.of("id", "t")), hook);

      Map<String, Object> row =
          f.awaitDelivery(id, r -> DeliveryFixtures.number(r.get("attempts")) == 1);

      assertThat((String) row.get("last_error"))
          .contains("private address 127.0.0.1")
          .contains("VERK_WEBHOOKS_ALLOW_PRIVATE_TARGETS");
      assertThat(row.get("status")).isEqualTo("pending");
      assertThat(receiver.received()).isEmpty();
      assertThat(
              Duration.ofMillis(
                  DeliveryFixtures.number(row.get("next_attempt_at"))
                      - DeliveryFixtures.number(row.get("last_attempt_at"))))
          .isEqualTo(Duration.ofMinutes(1));
    }
  }
}
