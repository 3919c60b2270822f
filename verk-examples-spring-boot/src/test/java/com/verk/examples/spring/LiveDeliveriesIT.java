package com.verk.examples.spring;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.verk.sdk.DeliveryDeduplicator;
import com.verk.sdk.EventType;
import com.verk.sdk.JdbcDeliveryDeduplicator;
import com.verk.sdk.NewWebhook;
import com.verk.sdk.TaskData;
import com.verk.sdk.VerkClient;
import com.verk.sdk.WebhookEvent;
import com.verk.sdk.WebhookSigner;
import com.verk.sdk.spring.VerkWebhookFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.ContentCachingRequestWrapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The example receiver (the starter in a real Spring Boot application) receives real deliveries
 * from a real Verk server: verk-server.jar in a child process, SQLite, plain HTTP on loopback.
 */
@SpringBootTest(
    classes = {SpringReceiverApplication.class, LiveDeliveriesIT.Observe.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "verk.webhook.secrets=" + LiveDeliveriesIT.SECRET,
      "verk.webhook.paths=/webhooks/verk"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveDeliveriesIT {

  static final String SECRET = "your_webhook_secret_12345";
  static final String API_KEY = "vk_live_deliveries_it_0123456789abcdef";
  static final Path WORK = tempDir();

  /** One request the receiver answered, seen from outside the starter. */
  record Seen(Map<String, String> headers, byte[] body, int status, String duplicate) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  @TestConfiguration
  static class Observe {
    final BlockingQueue<WebhookEvent> handled = new LinkedBlockingQueue<>();
    final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();

    @Bean
    @Primary
    EventHandler recordingHandler() {
      return new EventHandler() {
        @Override
        public void handle(WebhookEvent event) {
          handled.add(event);
        }
      };
    }

    /** Outside the starter's filter: the raw request and the answer it got. */
    @Bean
    FilterRegistrationBean<Filter> recorder() {
      Filter filter =
          (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            Map<String, String> headers = new TreeMap<>();
            for (String name : Collections.list(http.getHeaderNames())) {
              headers.put(name.toLowerCase(Locale.ROOT), http.getHeader(name));
            }
            ContentCachingRequestWrapper cached = new ContentCachingRequestWrapper(http, 1 << 20);
            chain.doFilter(cached, response);
            HttpServletResponse answer = (HttpServletResponse) response;
            seen.add(
                new Seen(
                    headers,
                    cached.getContentAsByteArray(),
                    answer.getStatus(),
                    answer.getHeader(VerkWebhookFilter.DUPLICATE_HEADER)));
          };
      FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
      return registration;
    }
  }

  @DynamicPropertySource
  static void receiverDatabase(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:sqlite:" + WORK.resolve("receiver.db"));
  }

  @LocalServerPort int port;
  @Autowired Observe observe;
  @Autowired DeliveryDeduplicator deduplicator;

  final HttpClient http = HttpClient.newHttpClient();
  final JsonMapper json = JsonMapper.builder().build();
  VerkServerProcess verk;
  VerkClient client;
  String webhookId;
  String projectId;

  @BeforeAll
  void startVerkAndSubscribe() throws Exception {
    verk =
        VerkServerProcess.start(
            Path.of(System.getProperty("verk.server.jar", "../verk-server/target/verk-server.jar")),
            WORK.resolve("verk-data"),
            Map.of(
                "VERK_BOOTSTRAP_API_KEY", API_KEY,
                "VERK_BOOTSTRAP_PLAN", "pro",
                "VERK_WEBHOOKS_ALLOW_HTTP", "true",
                "VERK_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true",
                // a refused delivery is retried only after the tests are over
                "VERK_WEBHOOKS_RETRY_SCHEDULE", "1h"));
    client = VerkClient.builder().baseUrl(verk.baseUrl()).apiKey(API_KEY).build();
    String url = "http://127.0.0.1:" + port + "/webhooks/verk";
    webhookId =
        client
            .createWebhook(NewWebhook.of(url, EventType.TASK_CREATED).withSecret(SECRET))
            .webhook()
            .id();
    projectId = post("/v1/projects", Map.of("name", "Website")).path("id").asString();
    // Signed with a secret the receiver does not know: every project.created is a forgery to it.
    client.createWebhook(
        NewWebhook.of(url, EventType.PROJECT_CREATED).withSecret("a_secret_the_receiver_lacks"));
  }

  @AfterAll
  void stopVerk() throws java.io.IOException {
    if (verk != null) {
      verk.close();
    }
    try (var files = Files.walk(WORK.resolve("verk-data"))) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  @BeforeEach
  void forgetEarlierTests() {
    observe.handled.clear();
    observe.seen.clear();
  }

  @Test
  void a_task_created_in_verk_reaches_the_controller_as_a_verified_typed_event() throws Exception {
    String taskId = createTask("Live from Verk – café");

    WebhookEvent event = observe.handled.poll(30, TimeUnit.SECONDS);

    assertThat(event).as("delivered within 30 s; server log:\n%s", verk.logTail()).isNotNull();
    assertThat(event.is(EventType.TASK_CREATED)).isTrue();
    assertThat(event.webhookId()).isEqualTo(webhookId);
    TaskData task = event.data(TaskData.class);
    assertThat(task.id()).isEqualTo(taskId);
    assertThat(task.title()).isEqualTo("Live from Verk – café");
    assertThat(task.projectName()).isEqualTo("Website");
    Seen seen = nextSeen(event.deliveryId());
    assertThat(seen.status()).isEqualTo(200);
    assertThat(seen.duplicate()).isNull();
  }

  @Test
  void the_sdk_signer_reproduces_the_headers_of_a_real_delivery_byte_for_byte() throws Exception {
    createTask("Signed by Verk");
    WebhookEvent event = observe.handled.poll(30, TimeUnit.SECONDS);
    assertThat(event).as("delivered within 30 s; server log:\n%s", verk.logTail()).isNotNull();
    Seen seen = nextSeen(event.deliveryId());

    Instant sentAt = Instant.ofEpochSecond(Long.parseLong(seen.header("webhook-timestamp")));
    Map<String, String> signed = WebhookSigner.of(SECRET).headers(seen.body(), sentAt);

    assertThat(signed).hasSize(7);
    signed.forEach((name, value) -> assertThat(seen.header(name)).as(name).isEqualTo(value));
    assertThat(seen.header("User-Agent")).startsWith("Verk-Webhooks/");
  }

  @Test
  void a_redelivery_is_acknowledged_by_the_starter_without_calling_the_controller_again()
      throws Exception {
    assertThat(deduplicator).isInstanceOf(JdbcDeliveryDeduplicator.class);
    createTask("Handled once");
    WebhookEvent event = observe.handled.poll(30, TimeUnit.SECONDS);
    assertThat(event).as("delivered within 30 s; server log:\n%s", verk.logTail()).isNotNull();
    assertThat(nextSeen(event.deliveryId()).status()).isEqualTo(200);

    client.redeliver(webhookId, event.deliveryId());

    Seen again = nextSeen(event.deliveryId());
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.duplicate()).isEqualTo("true");
    assertThat(observe.handled).as("the controller ran only for the first delivery").isEmpty();
  }

  @Test
  void a_delivery_signed_with_another_secret_is_answered_401_and_never_handled() throws Exception {
    post("/v1/projects", Map.of("name", "Forged " + System.nanoTime()));

    Seen seen = observe.seen.poll(30, TimeUnit.SECONDS);

    assertThat(seen).as("delivered within 30 s; server log:\n%s", verk.logTail()).isNotNull();
    assertThat(seen.header("X-Verk-Event")).isEqualTo("project.created");
    assertThat(seen.status()).isEqualTo(401);
    assertThat(observe.handled).isEmpty();
  }

  private Seen nextSeen(String deliveryId) throws InterruptedException {
    while (true) {
      Seen seen = observe.seen.poll(30, TimeUnit.SECONDS);
      assertThat(seen).as("a request for %s within 30 s", deliveryId).isNotNull();
      if (deliveryId.equals(seen.header("X-Verk-Delivery"))) {
        return seen;
      }
    }
  }

  private String createTask(String title) throws Exception {
    return post("/v1/tasks", Map.of("title", title, "projectId", projectId)).path("id").asString();
  }

  private JsonNode post(String path, Map<String, String> body) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(verk.baseUrl() + path))
                .header("Authorization", "Bearer " + API_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString(UTF_8));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json.readTree(response.body());
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("verk-live-deliveries");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
