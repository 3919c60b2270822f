package com.verk.sdk.spring;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.verk.sdk.DeliveryDeduplicator;
import com.verk.sdk.JdbcDeliveryDeduplicator;
import com.verk.sdk.TaskData;
import com.verk.sdk.WebhookSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A real Spring Boot application on a real port, with a SQLite DataSource for deduplication. */
@SpringBootTest(
    classes = ReceiverApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "verk.webhook.secrets=" + VerkWebhookStarterTest.SECRET,
      "verk.webhook.paths=/webhooks/verk,/hooks/**",
      "verk.webhook.max-body-size=4KB"
    })
class VerkWebhookStarterTest {

  static final String SECRET = "your_webhook_secret_12345";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws IOException {
    Path db = Files.createTempFile("verk-starter-test", ".db");
    db.toFile().deleteOnExit();
    registry.add("spring.datasource.url", () -> "jdbc:sqlite:" + db);
  }

  @LocalServerPort int port;
  @Autowired ReceiverApp.Receiver receiver;
  @Autowired DeliveryDeduplicator deduplicator;

  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void nothingHandledYet() {
    receiver.handled.clear();
  }

  static String taskCreated(String deliveryId) {
    return "{\"event\":\"task.created\",\"timestamp\":\"2024-01-15T10:30:00Z\","
        + "\"webhookId\":\"webhook_1\",\"deliveryId\":\""
        + deliveryId
        + "\",\"data\":{\"id\":\"task_1\",\"title\":\"Ship it – café\",\"status\":\"todo\","
        + "\"priority\":\"high\",\"projectId\":\"proj_1\"},"
        + "\"organization\":{\"id\":\"org_1\",\"name\":\"Acme Inc\"}}";
  }

  HttpResponse<String> post(String path, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .POST(HttpRequest.BodyPublishers.ofString(body, UTF_8));
    headers.forEach(request::header);
    if (!headers.containsKey("Content-Type")) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
  }

  HttpResponse<String> deliver(String body, String secret) throws Exception {
    return post("/webhooks/verk", body, WebhookSigner.of(secret).headers(body, Instant.now()));
  }

  @Test
  void a_signed_delivery_reaches_the_controller_as_its_typed_event_with_the_raw_body_readable()
      throws Exception {
    String body = taskCreated("delivery_typed");

    assertThat(deliver(body, SECRET).statusCode()).isEqualTo(200);

    ReceiverApp.Handled handled = receiver.handled.poll(0, TimeUnit.SECONDS);
    assertThat(handled).as("handled before the response").isNotNull();
    assertThat(handled.event().deliveryId()).isEqualTo("delivery_typed");
    assertThat(handled.event().data(TaskData.class).title()).isEqualTo("Ship it – café");
    assertThat(handled.body()).isEqualTo(body.getBytes(UTF_8));
  }

  @Test
  void a_forged_signature_is_answered_401_problem_json_and_no_controller_runs() throws Exception {
    HttpResponse<String> response = deliver(taskCreated("delivery_forged"), "not_the_secret");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body())
        .contains("\"status\":401")
        .contains("\"code\":\"invalid_signature\"")
        .contains("\"reason\":\"MISMATCH\"")
        .contains("\"instance\":\"/webhooks/verk\"")
        .doesNotContain(SECRET);
    assertThat(receiver.handled).isEmpty();
  }

  @Test
  void an_unsigned_request_is_answered_401_naming_the_missing_header() throws Exception {
    HttpResponse<String> response = post("/webhooks/verk", taskCreated("delivery_1"), Map.of());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body())
        .contains("\"reason\":\"MISSING_HEADER\"")
        .contains("X-Verk-Signature");
    assertThat(receiver.handled).isEmpty();
  }

  @Test
  void a_tampered_body_is_answered_401() throws Exception {
    String body = taskCreated("delivery_tampered");
    Map<String, String> headers = WebhookSigner.of(SECRET).headers(body, Instant.now());

    HttpResponse<String> response =
        post("/webhooks/verk", body.replace("Ship it", "Ship it!"), headers);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(receiver.handled).isEmpty();
  }

  @Test
  void a_verified_body_that_is_not_a_verk_event_is_answered_400() throws Exception {
    byte[] body = "[]".getBytes(UTF_8);
    Map<String, String> headers =
        WebhookSigner.of(SECRET).headers("delivery_x", "task.created", body, Instant.now());

    HttpResponse<String> response = post("/webhooks/verk", "[]", headers);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"code\":\"invalid_payload\"");
    assertThat(receiver.handled).isEmpty();
  }

  @Test
  void a_body_over_the_size_limit_is_answered_413_without_being_verified() throws Exception {
    String body = taskCreated("delivery_big").replace("Ship it", "x".repeat(5000));

    HttpResponse<String> response = deliver(body, SECRET);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("\"code\":\"payload_too_large\"");
    assertThat(receiver.handled).isEmpty();
  }

  @Test
  void a_path_pattern_covers_the_paths_below_it() throws Exception {
    HttpResponse<String> response = post("/hooks/a/b", "{}", Map.of());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("\"instance\":\"/hooks/a/b\"");
  }

  @Test
  void requests_to_paths_not_named_are_left_alone() throws Exception {
    HttpResponse<String> response = post("/other", "hello", Map.of("Content-Type", "text/plain"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("other: hello");
  }

  @Test
  void a_webhook_argument_on_a_path_not_verified_fails_instead_of_handing_out_an_event()
      throws Exception {
    String body = taskCreated("delivery_unverified");
    HttpResponse<String> response =
        post("/not-verified", body, WebhookSigner.of(SECRET).headers(body, Instant.now()));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(receiver.handled).isEmpty();
  }

  @Test
  void the_application_datasource_deduplicates_deliveries() {
    assertThat(deduplicator).isInstanceOf(JdbcDeliveryDeduplicator.class);
  }

  @Test
  void a_redelivered_delivery_is_acknowledged_without_calling_the_controller_again()
      throws Exception {
    String body = taskCreated("delivery_twice");

    HttpResponse<String> first = deliver(body, SECRET);
    HttpResponse<String> second = deliver(body, SECRET);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue(VerkWebhookFilter.DUPLICATE_HEADER)).isEmpty();
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.headers().firstValue(VerkWebhookFilter.DUPLICATE_HEADER)).hasValue("true");
    assertThat(receiver.handled).hasSize(1);
  }

  @Test
  void a_delivery_the_controller_failed_is_handled_when_verk_retries_it() throws Exception {
    String body = taskCreated("delivery_retried");
    receiver.failNext.set(true);

    HttpResponse<String> failed = deliver(body, SECRET);
    HttpResponse<String> retried = deliver(body, SECRET);

    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(retried.statusCode()).isEqualTo(200);
    assertThat(retried.headers().firstValue(VerkWebhookFilter.DUPLICATE_HEADER)).isEmpty();
    assertThat(receiver.handled)
        .singleElement()
        .satisfies(h -> assertThat(h.event().deliveryId()).isEqualTo("delivery_retried"));
  }
}
