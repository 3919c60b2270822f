package com.verk.sdk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VerkClientTest {

  static final String KEY = "vk_0123456789012345678901234567890123456789";
  static final String WEBHOOK =
      "{\"id\":\"webhook_1\",\"url\":\"https://example.com/hook\",\"events\":[\"task.created\"],"
          + "\"description\":null,\"active\":true,\"disabledAt\":null,\"disabledReason\":null,"
          + "\"createdAt\":\"2024-01-15T10:30:00Z\",\"updatedAt\":\"2024-01-15T10:30:00Z\"}";
  static final String DELIVERY =
      "{\"id\":\"delivery_1\",\"event\":\"task.created\",\"timestamp\":\"2024-01-15T10:30:00Z\","
          + "\"status\":\"failed\",\"attempts\":2,\"responseStatus\":500,\"responseTimeMs\":12,"
          + "\"nextAttemptAt\":\"2024-01-15T10:36:00Z\",\"test\":false}";

  record Recorded(String method, String uri, Map<String, List<String>> headers, String body) {
    Object json() {
      return Json.parse(body);
    }

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  record Canned(int status, String contentType, String body) {}

  final Map<String, Canned> responses = new ConcurrentHashMap<>();
  final List<Recorded> requests = new CopyOnWriteArrayList<>();
  HttpServer server;
  VerkClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String uri = exchange.getRequestURI().getRawPath();
          if (exchange.getRequestURI().getRawQuery() != null) {
            uri += "?" + exchange.getRequestURI().getRawQuery();
          }
          String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
          requests.add(
              new Recorded(exchange.getRequestMethod(), uri, exchange.getRequestHeaders(), body));
          Canned canned =
              responses.getOrDefault(
                  exchange.getRequestMethod() + " " + uri,
                  new Canned(404, "text/plain", "no canned response for " + uri));
          if (canned.status() == 204) {
            exchange.sendResponseHeaders(204, -1);
          } else {
            byte[] bytes = canned.body().getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", canned.contentType());
            exchange.sendResponseHeaders(canned.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
          }
          exchange.close();
        });
    server.start();
    client =
        VerkClient.builder()
            .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/")
            .apiKey(KEY)
            .timeout(Duration.ofSeconds(10))
            .build();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  void answer(String request, int status, String body) {
    responses.put(request, new Canned(status, "application/json", body));
  }

  Recorded onlyRequest() {
    assertThat(requests).hasSize(1);
    Recorded r = requests.get(0);
    assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
    return r;
  }

  @Test
  void create_posts_the_webhook_and_returns_the_secret() {
    answer(
        "POST /v1/webhooks",
        201,
        WEBHOOK.replace("{\"id\"", "{\"secret\":\"your_webhook_secret_12345\",\"id\""));
    WebhookWithSecret created =
        client.createWebhook(
            NewWebhook.of(
                    "https://example.com/hook", EventType.TASK_CREATED, EventType.TASK_UPDATED)
                .withSecret("your_webhook_secret_12345"));
    Recorded r = onlyRequest();
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.json())
        .isEqualTo(
            Map.of(
                "url", "https://example.com/hook",
                "events", List.of("task.created", "task.updated"),
                "secret", "your_webhook_secret_12345"));
    assertThat(created.secret()).isEqualTo("your_webhook_secret_12345");
    assertThat(created.toString()).doesNotContain("your_webhook_secret_12345");
    assertThat(created.webhook())
        .isEqualTo(
            new Webhook(
                "webhook_1",
                "https://example.com/hook",
                List.of("task.created"),
                null,
                true,
                null,
                null,
                Instant.parse("2024-01-15T10:30:00Z"),
                Instant.parse("2024-01-15T10:30:00Z")));
  }

  @Test
  void custom_headers_are_sent_on_create_and_update_and_never_printed() {
    answer(
        "POST /v1/webhooks",
        201,
        WEBHOOK.replace(
            "{\"id\"",
            "{\"secret\":\"s\",\"headers\":{\"Authorization\":\"Bearer tok_1\"},\"id\""));
    WebhookWithSecret created =
        client.createWebhook(
            NewWebhook.of("https://example.com/hook", EventType.TASK_CREATED)
                .withHeaders(Map.of("Authorization", "Bearer tok_1")));
    assertThat(onlyRequest().json())
        .isEqualTo(
            Map.of(
                "url", "https://example.com/hook",
                "events", List.of("task.created"),
                "headers", Map.of("Authorization", "Bearer tok_1")));
    assertThat(created.webhook().headers()).containsEntry("Authorization", "Bearer tok_1");
    assertThat(created.toString()).contains("Authorization").doesNotContain("tok_1");

    requests.clear();
    answer(
        "PATCH /v1/webhooks/webhook_1",
        200,
        WEBHOOK.replace("{\"id\"", "{\"headers\":{\"X-Team\":\"ops\"},\"id\""));
    WebhookUpdate update = WebhookUpdate.create().headers(Map.of("X-Team", "ops"));
    Webhook updated = client.updateWebhook("webhook_1", update);
    assertThat(onlyRequest().json()).isEqualTo(Map.of("headers", Map.of("X-Team", "ops")));
    assertThat(updated.headers()).containsExactly(Map.entry("X-Team", "ops"));
    assertThat(update.toString()).contains("X-Team").doesNotContain("ops");

    requests.clear();
    answer(
        "GET /v1/webhooks/webhook_1",
        200,
        WEBHOOK.replace(
            "{\"id\"", "{\"headers\":{\"X-Team\":\"\u2022\u2022\u2022\u2022\"},\"id\""));
    assertThat(client.getWebhook("webhook_1").headers())
        .containsEntry("X-Team", "\u2022\u2022\u2022\u2022");
  }

  @Test
  void egress_ips_are_read_from_their_endpoint() {
    answer("GET /v1/egress-ips", 200, "{\"addresses\":[\"203.0.113.7\",\"198.51.100.0/28\"]}");
    assertThat(client.egressIps()).containsExactly("203.0.113.7", "198.51.100.0/28");
    assertThat(onlyRequest().method()).isEqualTo("GET");
  }

  @Test
  void list_pages_with_limit_and_cursor_and_list_all_follows_the_cursor() {
    answer(
        "GET /v1/webhooks?limit=1&cursor=abc%2B1",
        200, "{\"data\":[" + WEBHOOK + "],\"nextCursor\":null}");
    Page<Webhook> page = client.listWebhooks(1, "abc+1");
    assertThat(onlyRequest().method()).isEqualTo("GET");
    assertThat(page.hasMore()).isFalse();
    assertThat(page.data()).extracting(Webhook::id).containsExactly("webhook_1");

    requests.clear();
    answer("GET /v1/webhooks?limit=100", 200, "{\"data\":[" + WEBHOOK + "],\"nextCursor\":\"c2\"}");
    answer(
        "GET /v1/webhooks?limit=100&cursor=c2",
        200,
        "{\"data\":[" + WEBHOOK.replace("webhook_1", "webhook_2") + "],\"nextCursor\":null}");
    assertThat(client.listAllWebhooks())
        .extracting(Webhook::id)
        .containsExactly("webhook_1", "webhook_2");
    assertThat(requests).hasSize(2);
  }

  @Test
  void get_update_and_delete_use_the_webhook_path() {
    answer("GET /v1/webhooks/webhook_1", 200, WEBHOOK);
    assertThat(client.getWebhook("webhook_1").url()).isEqualTo("https://example.com/hook");
    assertThat(onlyRequest().body()).isEmpty();

    requests.clear();
    answer(
        "PATCH /v1/webhooks/webhook_1",
        200,
        WEBHOOK.replace("\"active\":true", "\"active\":false"));
    Webhook updated =
        client.updateWebhook(
            "webhook_1", WebhookUpdate.create().events(EventType.TASK_COMPLETED).active(false));
    assertThat(onlyRequest().json())
        .isEqualTo(Map.of("events", List.of("task.completed"), "active", false));
    assertThat(updated.active()).isFalse();

    requests.clear();
    responses.put("DELETE /v1/webhooks/webhook_1", new Canned(204, "", ""));
    client.deleteWebhook("webhook_1");
    assertThat(onlyRequest().method()).isEqualTo("DELETE");
  }

  @Test
  void rotate_sends_the_overlap_and_returns_when_the_previous_secret_expires() {
    answer(
        "POST /v1/webhooks/webhook_1/rotate-secret",
        200,
        WEBHOOK.replace(
            "{\"id\"",
            "{\"secret\":\"new\",\"previousSecretExpiresAt\":\"2024-01-16T10:30:00Z\",\"id\""));
    WebhookWithSecret rotated = client.rotateSecret("webhook_1", Duration.ofHours(1));
    assertThat(onlyRequest().json()).isEqualTo(Map.of("overlapSeconds", 3600L));
    assertThat(rotated.secret()).isEqualTo("new");
    assertThat(rotated.previousSecretExpiresAt()).isEqualTo(Instant.parse("2024-01-16T10:30:00Z"));
  }

  @Test
  void test_sends_the_event_and_returns_the_outcome() {
    answer(
        "POST /v1/webhooks/webhook_1/test",
        200,
        "{\"deliveryId\":\"delivery_9\",\"success\":false,\"responseStatus\":503,"
            + "\"responseTimeMs\":40,\"error\":\"HTTP 503\"}");
    TestResult result = client.testWebhook("webhook_1", EventType.MEMBER_ROLE_CHANGED);
    assertThat(onlyRequest().json()).isEqualTo(Map.of("event", "member.role_changed"));
    assertThat(result).isEqualTo(new TestResult("delivery_9", false, 503, 40L, "HTTP 503"));
  }

  @Test
  void deliveries_are_listed_with_filters_read_with_attempts_and_redelivered() {
    answer(
        "GET /v1/webhooks/webhook_1/deliveries?status=failed&event=task.created&limit=5",
        200,
        "{\"data\":[" + DELIVERY + "],\"nextCursor\":\"n\"}");
    Page<Delivery> page =
        client.listDeliveries(
            "webhook_1",
            DeliveryQuery.firstPage().withStatus("failed").withEvent("task.created").withLimit(5));
    onlyRequest();
    assertThat(page.nextCursor()).isEqualTo("n");
    assertThat(page.data().get(0))
        .isEqualTo(
            new Delivery(
                "delivery_1",
                "task.created",
                Instant.parse("2024-01-15T10:30:00Z"),
                "failed",
                2,
                500,
                12L,
                Instant.parse("2024-01-15T10:36:00Z"),
                false));

    requests.clear();
    answer(
        "GET /v1/webhooks/webhook_1/deliveries/delivery_1",
        200,
        DELIVERY.replace(
            "{\"id\"",
            "{\"attemptLog\":[{\"number\":1,\"attemptedAt\":\"2024-01-15T10:30:00Z\",\"success\":false,"
                + "\"responseStatus\":500,\"responseTimeMs\":12,\"error\":null,\"responseBody\":\"oops\"}],"
                + "\"request\":{\"url\":\"https://example.com/hook\",\"headers\":{\"X-Verk-Event\":"
                + "\"task.created\"},\"body\":\"{}\"},\"id\""));
    DeliveryDetail detail = client.getDelivery("webhook_1", "delivery_1");
    onlyRequest();
    assertThat(detail.delivery().id()).isEqualTo("delivery_1");
    assertThat(detail.attemptLog())
        .containsExactly(
            new DeliveryDetail.Attempt(
                1, Instant.parse("2024-01-15T10:30:00Z"), false, 500, 12L, null, "oops"));
    assertThat(detail.request().headers()).containsEntry("X-Verk-Event", "task.created");

    requests.clear();
    answer(
        "POST /v1/webhooks/webhook_1/deliveries/delivery_1/redeliver",
        202,
        DELIVERY.replace("failed", "pending"));
    assertThat(client.redeliver("webhook_1", "delivery_1").status()).isEqualTo("pending");
    assertThat(onlyRequest().method()).isEqualTo("POST");
  }

  @Test
  void recover_sends_since_and_returns_the_queued_count() {
    answer("POST /v1/webhooks/webhook_1/recover", 202, "{\"queued\":7}");
    assertThat(client.recover("webhook_1", Instant.parse("2024-01-15T00:00:00Z"))).isEqualTo(7);
    assertThat(onlyRequest().json()).isEqualTo(Map.of("since", "2024-01-15T00:00:00Z"));
  }

  @Test
  void event_types_are_listed_with_schema_and_sample() {
    answer(
        "GET /v1/event-types",
        200,
        "{\"data\":[{\"name\":\"task.created\",\"group\":\"task\",\"description\":\"New task\","
            + "\"schema\":{\"type\":\"object\"},\"sample\":{\"id\":\"task_123\"}}]}");
    List<EventTypeInfo> types = client.eventTypes();
    onlyRequest();
    assertThat(types)
        .containsExactly(
            new EventTypeInfo(
                "task.created",
                "task",
                "New task",
                Map.of("type", "object"),
                Map.of("id", "task_123")));
  }

  @Test
  void a_validation_problem_becomes_an_exception_with_code_and_field_errors() {
    responses.put(
        "POST /v1/webhooks",
        new Canned(
            400,
            "application/problem+json",
            "{\"type\":\"https://docs.verk.com/errors/validation_failed\",\"title\":\"Invalid request\","
                + "\"status\":400,\"detail\":\"1 field is invalid\",\"code\":\"validation_failed\","
                + "\"errors\":[{\"field\":\"url\",\"message\":\"must use https\"}]}"));
    assertThatThrownBy(
            () -> client.createWebhook(NewWebhook.of("http://example.com", EventType.TASK_CREATED)))
        .isInstanceOfSatisfying(
            VerkApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("validation_failed");
              assertThat(e.title()).isEqualTo("Invalid request");
              assertThat(e.detail()).isEqualTo("1 field is invalid");
              assertThat(e.errors())
                  .containsExactly(new VerkApiException.FieldError("url", "must use https"));
              assertThat(e.getMessage()).contains("validation_failed", "url: must use https");
            });
  }

  @Test
  void problem_properties_and_non_json_errors_are_kept() {
    responses.put(
        "GET /v1/webhooks/webhook_1",
        new Canned(
            403,
            "application/problem+json",
            "{\"status\":403,\"code\":\"insufficient_scope\",\"detail\":\"needs webhooks:read\","
                + "\"scope\":\"webhooks:read\"}"));
    assertThatThrownBy(() -> client.getWebhook("webhook_1"))
        .isInstanceOfSatisfying(
            VerkApiException.class,
            e -> assertThat(e.property("scope")).isEqualTo("webhooks:read"));
    responses.put(
        "GET /v1/webhooks/webhook_2", new Canned(502, "text/html", "<h1>Bad gateway</h1>"));
    assertThatThrownBy(() -> client.getWebhook("webhook_2"))
        .isInstanceOfSatisfying(
            VerkApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo("http_502");
              assertThat(e.detail()).contains("Bad gateway");
            });
  }

  @Test
  void ids_are_encoded_into_the_path() {
    answer("GET /v1/webhooks/a%2Fb", 200, WEBHOOK);
    client.getWebhook("a/b");
    assertThat(onlyRequest().uri()).isEqualTo("/v1/webhooks/a%2Fb");
  }

  @Test
  void a_network_failure_is_an_unchecked_io_exception() {
    server.stop(0);
    assertThatThrownBy(() -> client.getWebhook("webhook_1"))
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void a_client_needs_an_api_key() {
    assertThatThrownBy(() -> VerkClient.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiKey");
  }

  @Test
  void rate_limit_is_sent_on_create_and_update_and_the_pause_is_read() {
    answer(
        "POST /v1/webhooks",
        201,
        WEBHOOK.replace(
            "{\"id\"", "{\"secret\":\"s\",\"rateLimit\":10,\"pausedUntil\":null,\"id\""));
    WebhookWithSecret created =
        client.createWebhook(
            NewWebhook.of("https://example.com/hook", EventType.TASK_CREATED).withRateLimit(10));
    assertThat(onlyRequest().json())
        .isEqualTo(
            Map.of(
                "url",
                "https://example.com/hook",
                "events",
                List.of("task.created"),
                "rateLimit",
                10L));
    assertThat(created.webhook().rateLimit()).isEqualTo(10);
    assertThat(created.webhook().pausedUntil()).isNull();

    requests.clear();
    answer(
        "PATCH /v1/webhooks/webhook_1",
        200,
        WEBHOOK.replace(
            "{\"id\"", "{\"rateLimit\":null,\"pausedUntil\":\"2024-01-15T10:31:00Z\",\"id\""));
    Webhook updated = client.updateWebhook("webhook_1", WebhookUpdate.create().removeRateLimit());
    assertThat(onlyRequest().json()).isEqualTo(Map.of("rateLimit", 0L));
    assertThat(updated.rateLimit()).isNull();
    assertThat(updated.pausedUntil()).isEqualTo(Instant.parse("2024-01-15T10:31:00Z"));
    assertThat(WebhookUpdate.create().rateLimit(5).toJson()).isEqualTo(Map.of("rateLimit", 5));
  }
}
