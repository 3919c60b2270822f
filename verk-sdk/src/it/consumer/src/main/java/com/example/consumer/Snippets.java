package com.example.consumer;

import com.sun.net.httpserver.HttpServer;
import com.verk.sdk.Delivery;
import com.verk.sdk.DeliveryDeduplicator;
import com.verk.sdk.DeliveryDetail;
import com.verk.sdk.DeliveryQuery;
import com.verk.sdk.EventType;
import com.verk.sdk.EventTypeInfo;
import com.verk.sdk.InMemoryDeliveryDeduplicator;
import com.verk.sdk.JdbcDeliveryDeduplicator;
import com.verk.sdk.NewWebhook;
import com.verk.sdk.Page;
import com.verk.sdk.TaskData;
import com.verk.sdk.TestResult;
import com.verk.sdk.VerkClient;
import com.verk.sdk.Webhook;
import com.verk.sdk.WebhookEvent;
import com.verk.sdk.WebhookSigner;
import com.verk.sdk.WebhookUpdate;
import com.verk.sdk.WebhookVerificationException;
import com.verk.sdk.WebhookVerifier;
import com.verk.sdk.WebhookWithSecret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/** The README's shorter examples, each in a method that declares what it uses. */
@SuppressWarnings("unused")
class Snippets {

  // README: "JDK HttpServer"
  static void jdkHttpServer(HttpServer server, WebhookVerifier verifier, Executor executor) {
server.createContext("/webhook", exchange -> {
  try (exchange) {
    byte[] body = exchange.getRequestBody().readAllBytes();
    try {
      WebhookEvent event = verifier.verifyAndParse(body, exchange.getRequestHeaders());
      exchange.sendResponseHeaders(200, -1);
      executor.execute(() -> process(event));
    } catch (WebhookVerificationException e) {
      exchange.sendResponseHeaders(401, -1);
    }
  }
});
  }

  // README: "What is checked"
  static void builder(byte[] body, Map<String, ?> headers, Clock clock)
      throws WebhookVerificationException {
WebhookVerifier verifier = WebhookVerifier.builder()
    .secret(System.getenv("WEBHOOK_SECRET"))
    .tolerance(Duration.ofMinutes(10))                        // default 5 minutes
    .clock(clock)                                             // default Clock.systemUTC()
    .schemes(WebhookVerifier.Scheme.STANDARD_WEBHOOKS)        // default: both
    .build();
verifier.verify(body, headers);                               // verify only, no parsing
  }

  // README: "Typed events"
  static void typedEvents(WebhookVerifier verifier, byte[] body, Map<String, ?> headers)
      throws WebhookVerificationException {
WebhookEvent event = verifier.verifyAndParse(body, headers);
event.event();          // "task.updated" as sent
event.type();           // Optional<EventType>, empty for a type this SDK version does not know
event.deliveryId();     // stable across retries: the idempotency key
event.timestamp();      // Instant the event happened
event.organization();   // Organization(id, name)
event.rawData();        // the data object as an unmodifiable Map, including fields not modelled

if (event.is(EventType.TASK_UPDATED)) {
  TaskData task = event.data(TaskData.class);
  task.changes().forEach((field, change) -> log(field + ": " + change.from() + " -> " + change.to()));
}
  }

  // README: "Idempotency"
  static void inMemory(WebhookEvent event) throws Exception {
DeliveryDeduplicator dedup = new InMemoryDeliveryDeduplicator(100_000);   // bounded, LRU

boolean processed = dedup.processOnce(event.deliveryId(), () -> handle(event));
// false: a duplicate, skipped. If handle throws, the delivery is released and a retry may run it.
  }

  // README: "Idempotency", across restarts
  static void jdbc(DataSource dataSource) {
JdbcDeliveryDeduplicator dedup = new JdbcDeliveryDeduplicator(dataSource);
// or: new JdbcDeliveryDeduplicator(dataSource, "my_table", Duration.ofMinutes(5), Clock.systemUTC())
dedup.purgeCompletedBefore(Instant.now().minus(Duration.ofDays(30)));     // e.g. nightly
  }

  // README: "Test your receiver: WebhookSigner"
  static HttpRequest signer() throws IOException {
byte[] body = Files.readAllBytes(Path.of("src/test/resources/task-created.json"));  // a Verk envelope
Map<String, String> signed = WebhookSigner.of("your_webhook_secret_12345").headers(body, Instant.now());
HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:8081/webhook"))
    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
signed.forEach(request::header);
    return request.build();
  }

  // README: "Manage webhooks: VerkClient"
  static void client() {
    VerkClient verk = VerkClient.builder()
        .baseUrl("https://api.verk.com")            // default; a trailing /v1 is accepted
        .apiKey(System.getenv("VERK_API_KEY"))      // needs webhooks:write (or webhooks:read to read)
        .timeout(Duration.ofSeconds(30))
        .build();

    WebhookWithSecret created = verk.createWebhook(
        NewWebhook.of("https://your-server.com/webhook", EventType.TASK_CREATED, EventType.TASK_UPDATED)
            .withSecret("your_webhook_secret_12345")          // optional: else Verk generates one
            .withDescription("Slack bridge")
            .withHeaders(Map.of("Authorization", "Bearer gateway-token")));  // sent on every attempt
    String id = created.webhook().id();                       // created.secret() is shown only once
    // created.webhook().headers() has the values this once; later reads show "••••" per name

    Page<Webhook> page = verk.listWebhooks(20, null);          // page.nextCursor() for the next page
    List<Webhook> all = verk.listAllWebhooks();
    verk.updateWebhook(id, WebhookUpdate.create().events(EventType.TASK_CREATED).active(true));
    verk.updateWebhook(id, WebhookUpdate.create().headers(Map.of()));   // replaces all; {} removes them
    verk.updateWebhook(id, WebhookUpdate.create().rateLimit(10));       // at most 10 attempts/s; removeRateLimit()
    List<String> allowInFirewall = verk.egressIps();          // GET /v1/egress-ips, empty if unset
    TestResult test = verk.testWebhook(id, EventType.TASK_CREATED);
    Page<Delivery> failed = verk.listDeliveries(id, DeliveryQuery.firstPage().withStatus("failed"));
    DeliveryDetail detail = verk.getDelivery(id, failed.data().get(0).id());   // attempts + request
    verk.redeliver(id, detail.delivery().id());
    int queued = verk.recover(id, Instant.parse("2024-01-15T00:00:00Z"));
    WebhookWithSecret rotated = verk.rotateSecret(id);          // or rotateSecret(id, Duration.ofHours(1))
    List<EventTypeInfo> catalog = verk.eventTypes();
    verk.deleteWebhook(id);
  }

  private static void process(WebhookEvent event) {}

  private static void handle(WebhookEvent event) {}

  private static void log(String line) {}
}
