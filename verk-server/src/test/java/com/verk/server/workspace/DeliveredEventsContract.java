package com.verk.server.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.events.EventType;
import com.verk.server.system.Ids;
import com.verk.server.testing.Api;
import com.verk.server.testing.Receiver;
import com.verk.server.testing.ServerTest.Tenant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The "done when": every workspace action against the running server, and at a receiver on
 * loopback each of the fifteen event types arrives once per subscribed webhook, signed, with the
 * documented data; nothing reaches webhooks of another organization or not subscribed.
 */
interface DeliveredEventsContract extends EveryAction {

  /** A webhook made through the management API, as a user would. */
  default String webhook(Tenant tenant, String url, String secret, String... types) {
    Api.Result created =
        tenant
            .api()
            .post("/v1/webhooks", Map.of("url", url, "events", List.of(types), "secret", secret));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asString();
  }

  @Test
  default void every_event_type_arrives_signed_once_per_subscribed_webhook_of_its_organization() {
    Tenant t = newTenant("pro");
    Tenant other = newTenant("pro");
    String[] all =
        Arrays.stream(EventType.values())
            .filter(type -> !type.operational())
            .map(EventType::wireName)
            .toArray(String[]::new);
    String secret = "whsec_" + Ids.random(24);
    try (Receiver receiver = new Receiver()) {
      String everything = webhook(t, receiver.url("/all"), secret, all);
      String completedOnly = webhook(t, receiver.url("/completed"), secret, "task.completed");
      webhook(other, receiver.url("/other"), secret, all);

      performEveryAction(t);
      List<Event> events = events(t.orgId());
      String owner = ownerId(t.orgId());
      assertThat(t.api().post("/v1/projects", Map.of("name", "")).status()).isEqualTo(400);
      assertThat(t.api().delete("/v1/members/" + owner).status()).isEqualTo(403);
      assertThat(events(t.orgId())).as("failed actions emit nothing").hasSize(events.size());

      int expected = events.size() + 1;
      List<Receiver.Request> received = new ArrayList<>();
      for (int i = 0; i < expected; i++) {
        received.add(receiver.take(Duration.ofSeconds(30)));
      }
      List<String> allTypes =
          received.stream()
              .filter(r -> r.path().equals("/all"))
              .map(r -> verifiedType(r, secret))
              .toList();
      assertThat(allTypes)
          .containsExactlyInAnyOrderElementsOf(events.stream().map(Event::type).toList());
      assertThat(allTypes).containsAll(Arrays.asList(all));
      assertThat(
              received.stream()
                  .filter(r -> r.path().equals("/completed"))
                  .map(r -> verifiedType(r, secret)))
          .containsExactly("task.completed");
      assertThat(received).noneMatch(r -> r.path().equals("/other"));
      Map<String, Long> perDelivery =
          received.stream()
              .collect(
                  Collectors.groupingBy(r -> r.header("X-Verk-Delivery"), Collectors.counting()));
      assertThat(perDelivery.values()).allMatch(n -> n == 1);
      for (Receiver.Request r : received) {
        JsonNode body = Api.JSON.readTree(r.bodyText());
        String webhookId = r.path().equals("/all") ? everything : completedOnly;
        assertThat(body.path("webhookId").asString()).isEqualTo(webhookId);
        assertThat(body.path("organization").path("id").asString()).isEqualTo(t.orgId());
        assertThat(body.path("organization").path("name").asString()).isEqualTo(t.name());
        assertThat(body.path("data")).isEqualTo(outboxData(r.header("X-Verk-Delivery")));
        conformsToSchema(new Event(body.path("event").asString(), body.path("data")));
      }
      try {
        assertThat(receiver.poll(Duration.ofSeconds(2))).as("an extra delivery").isNull();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The event type of a request whose X-Verk-Signature is the HMAC of its raw body. */
  private String verifiedType(Receiver.Request r, String secret) {
    assertThat(
            MessageDigest.isEqual(
                ("sha256=" + hmacHex(secret, r.body())).getBytes(StandardCharsets.UTF_8),
                r.header("X-Verk-Signature").getBytes(StandardCharsets.UTF_8)))
        .as("signature of " + r.header("X-Verk-Delivery"))
        .isTrue();
    String type = Api.JSON.readTree(r.bodyText()).path("event").asString();
    assertThat(r.header("X-Verk-Event")).isEqualTo(type);
    return type;
  }

  private JsonNode outboxData(String deliveryId) {
    return jdbc()
        .sql("SELECT e.data FROM deliveries d JOIN events e ON e.id = d.event_id WHERE d.id = ?")
        .param(deliveryId)
        .query((rs, n) -> Api.JSON.readTree(rs.getString(1)))
        .single();
  }

  private static String hmacHex(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
