package com.verk.server.integration;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.Receiver;
import com.verk.server.testing.SqliteServerTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Captures what the running server really sends, for the Node.js and Python receiver libraries
 * ({@code sdk-node/}, {@code sdk-python/}): a webhook subscribed to every type of {@code GET
 * /v1/event-types} receives one delivery of each, triggered through the public workspace API, and
 * one more during a secret rotation. The raw bodies, headers and secrets are written to {@code
 * verk-server/target/sdk-fixtures/}; with {@code -Dverk.writeFixtures=true} (or {@code
 * VERK_WRITE_FIXTURES=1}) also to the committed {@code sdk-fixtures/} that the libraries' tests
 * read.
 *
 * <p>The committed catalog is what the libraries' typed events are generated from, so this test
 * fails when the server's catalog has drifted from it: regenerate the fixtures, then the types.
 */
class CapturedDeliveriesFixtureTest extends SqliteServerTest {

  static final String SECRET = "your_webhook_secret_12345";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Receiver receiver = new Receiver();

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void every_event_type_of_the_catalog_is_delivered_and_captured_for_the_sdk_fixtures()
      throws IOException {
    Api api = newTenant("pro").api();
    JsonNode catalog = canonical(api.get("/v1/event-types").json());
    Set<String> types = new LinkedHashSet<>();
    catalog.path("data").forEach(entry -> types.add(entry.path("name").asString()));
    assertThat(types).hasSizeGreaterThanOrEqualTo(15);

    Api.Result created =
        api.post(
            "/v1/webhooks",
            Map.of(
                "url", receiver.url("/webhook"), "events", List.copyOf(types), "secret", SECRET));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String webhookId = created.json().path("id").asString();

    performEveryAction(api);
    performOperationalEvents(api, webhookId);
    int expected = deliveryCount(api, webhookId);
    List<Receiver.Request> captured = new ArrayList<>();
    while (captured.size() < expected) {
      captured.add(receiver.take(WAIT));
    }
    assertThat(captured)
        .extracting(r -> r.header("X-Verk-Event"))
        .as("every catalog type is delivered")
        .containsAll(types);

    Api.Result rotated =
        api.post("/v1/webhooks/" + webhookId + "/rotate-secret", Map.of("overlapSeconds", 3600));
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    String newSecret = rotated.json().path("secret").asString();
    assertThat(api.post("/v1/projects", Map.of("name", "After rotation")).status()).isEqualTo(201);
    Receiver.Request duringRotation = receiver.take(WAIT);
    assertThat(duringRotation.header("X-Verk-Signature-Previous")).startsWith("sha256=");

    ObjectNode deliveries = Api.JSON.createObjectNode();
    deliveries.put(
        "comment",
        "Captured from the real server by CapturedDeliveriesFixtureTest; regenerate with"
            + " -Dverk.writeFixtures=true. Bodies are the exact bytes received (UTF-8).");
    deliveries.put("secret", SECRET);
    ArrayNode list = deliveries.putArray("deliveries");
    captured.forEach(r -> list.add(delivery(r)));
    ObjectNode rotation = deliveries.putObject("rotation");
    rotation.put("secret", newSecret);
    rotation.put("previousSecret", SECRET);
    rotation.set("delivery", delivery(duringRotation));

    String catalogText = pretty(catalog);
    String deliveriesText = pretty(deliveries);
    write(Path.of("target", "sdk-fixtures"), catalogText, deliveriesText);
    Path committed = repositoryRoot().resolve("sdk-fixtures");
    if (Boolean.getBoolean("verk.writeFixtures")
        || "1".equals(System.getenv("VERK_WRITE_FIXTURES"))) {
      write(committed, catalogText, deliveriesText);
    }

    assertThat(read(committed.resolve("event-types.json")))
        .as(
            "GET /v1/event-types differs from the committed sdk-fixtures/event-types.json: run this"
                + " test with -Dverk.writeFixtures=true, then regenerate the Node and Python event"
                + " types (see sdk-node/README.md and sdk-python/README.md)")
        .isEqualTo(catalogText);
    Set<String> committedTypes = new LinkedHashSet<>();
    Api.JSON
        .readTree(read(committed.resolve("deliveries.json")))
        .path("deliveries")
        .forEach(d -> committedTypes.add(d.path("headers").path("x-verk-event").asString()));
    assertThat(committedTypes)
        .as("the committed sdk-fixtures/deliveries.json covers every catalog type")
        .containsAll(types);
  }

  /** One action of each kind through the public workspace API (see docs/events.md). */
  private static void performEveryAction(Api api) {
    String project = id(api.post("/v1/projects", Map.of("name", "Café relaunch ✓")));
    ok(api.patch("/v1/projects/" + project, Map.of("description", "New marketing site")));
    String ada =
        id(
            api.post(
                "/v1/members",
                Map.of("email", "ada@example.com", "name", "Ada Lovelace", "role", "member")));
    ok(api.patch("/v1/members/" + ada, Map.of("role", "admin")));
    String task =
        id(
            api.post(
                "/v1/tasks",
                Map.of(
                    "title", "Implement login feature",
                    "description", "OAuth with Google and GitHub",
                    "projectId", project,
                    "priority", "medium",
                    "assigneeId", ada,
                    "dueDate", "2024-02-01")));
    ok(api.patch("/v1/tasks/" + task, Map.of("priority", "high")));
    ok(api.patch("/v1/tasks/" + task, Map.of("status", "done")));
    String comment = id(api.post("/v1/tasks/" + task + "/comments", Map.of("body", "Looks good")));
    ok(api.patch("/v1/comments/" + comment, Map.of("body", "Looks good to me!")));
    ok(api.delete("/v1/comments/" + comment));
    String file = upload(api, task);
    ok(api.delete("/v1/files/" + file));
    ok(api.delete("/v1/members/" + ada));
    Map<String, Object> clearDueDate = new HashMap<>();
    clearDueDate.put("dueDate", null);
    ok(api.patch("/v1/tasks/" + task, clearDueDate));
    ok(api.delete("/v1/tasks/" + task));
    ok(api.delete("/v1/projects/" + project));
  }

  /**
   * The operational events (docs/alerts.md): a second webhook on a closed port fails until it is
   * alerted as failing and then disabled; moved to a receiver, re-enabled and recovered, it
   * succeeds again. Each step's event goes to {@code watcherId}.
   */
  private void performOperationalEvents(Api api, String watcherId) {
    try (Receiver fixed = new Receiver()) {
      String down =
          id(
              api.post(
                  "/v1/webhooks",
                  Map.of(
                      "url",
                      "http://127.0.0.1:1/down",
                      "description",
                      "Task sync to CRM",
                      "events",
                      List.of("project.created"),
                      "secret",
                      "another_secret_12345")));
      String since = java.time.Instant.ofEpochMilli(clock.millis() - 1000).toString();
      id(api.post("/v1/projects", Map.of("name", "Operational")));
      List<Duration> schedule =
          List.of(
              Duration.ofMinutes(1),
              Duration.ofMinutes(5),
              Duration.ofMinutes(15),
              Duration.ofHours(1),
              Duration.ofHours(3),
              Duration.ofHours(6));
      for (int attempt = 1; attempt <= 7; attempt++) {
        awaitAttempts(api, down, attempt);
        if (attempt < 7) {
          clock.advance(schedule.get(attempt - 1));
        }
      }
      awaitEvent(api, watcherId, "webhook.disabled");
      ok(api.patch("/v1/webhooks/" + down, Map.of("url", fixed.url("/fixed"), "active", true)));
      Api.Result recovered = api.post("/v1/webhooks/" + down + "/recover", Map.of("since", since));
      assertThat(recovered.status()).as(recovered.body()).isEqualTo(202);
      fixed.take(WAIT);
      awaitEvent(api, watcherId, "webhook.recovered");
    }
  }

  private static void awaitAttempts(Api api, String webhookId, int attempts) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      JsonNode data = api.get("/v1/webhooks/" + webhookId + "/deliveries").json().path("data");
      if (data.size() == 1 && data.get(0).path("attempts").asInt() >= attempts) {
        return;
      }
      assertThat(System.nanoTime())
          .as("attempt %d of %s", attempts, webhookId)
          .isLessThan(deadline);
      pause();
    }
  }

  private static void awaitEvent(Api api, String webhookId, String type) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (api.get("/v1/webhooks/" + webhookId + "/deliveries?event=" + type)
        .json()
        .path("data")
        .isEmpty()) {
      assertThat(System.nanoTime()).as("a %s delivery", type).isLessThan(deadline);
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50); // polling the delivery log while waiting for a condition with a deadline
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How many deliveries the server queued for the webhook (rows are written with the change). */
  private static int deliveryCount(Api api, String webhookId) {
    Api.Result page = api.get("/v1/webhooks/" + webhookId + "/deliveries?limit=100");
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(page.json().path("nextCursor").isNull()).isTrue();
    return page.json().path("data").size();
  }

  private static String upload(Api api, String taskId) {
    String boundary = "----verkFixtureBoundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"mockup.png\""
                + "\r\nContent-Type: image/png\r\n\r\n")
            .getBytes(UTF_8));
    body.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    body.writeBytes(
        ("\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"taskId\"\r\n\r\n"
                + taskId
                + "\r\n--"
                + boundary
                + "--\r\n")
            .getBytes(UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(api.baseUrl() + "/v1/files"))
            .header("Authorization", "Bearer " + api.token())
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      return Api.JSON.readTree(response.body()).path("id").asString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String id(Api.Result result) {
    assertThat(result.status()).as(result.body()).isEqualTo(201);
    return result.json().path("id").asString();
  }

  private static void ok(Api.Result result) {
    assertThat(result.status()).as(result.body()).isBetween(200, 204);
  }

  /** The signature-relevant headers (lower-cased) and the exact body text of one request. */
  private static ObjectNode delivery(Receiver.Request request) {
    ObjectNode node = Api.JSON.createObjectNode();
    ObjectNode headers = node.putObject("headers");
    new TreeMap<>(request.headers())
        .forEach(
            (name, value) -> {
              if (name.startsWith("x-verk-")
                  || name.startsWith("webhook-")
                  || name.equals("content-type")
                  || name.equals("user-agent")) {
                headers.put(name, value);
              }
            });
    node.put("body", request.bodyText());
    return node;
  }

  /**
   * The same JSON with object keys sorted, except a schema's {@code properties}, which follow its
   * {@code required} list: that is the field order of the generated types. The server builds some
   * schema maps with {@code Map.copyOf}, whose iteration order changes between JVMs; this form does
   * not, so the committed file can be compared as text.
   */
  static JsonNode canonical(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> fields = new TreeMap<>();
      node.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
      ObjectNode out = Api.JSON.createObjectNode();
      fields.forEach(
          (k, v) ->
              out.set(
                  k,
                  k.equals("properties") && v.isObject()
                      ? inRequiredOrder(v, node.path("required"))
                      : canonical(v)));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = Api.JSON.createArrayNode();
      node.forEach(v -> out.add(canonical(v)));
      return out;
    }
    return node;
  }

  private static ObjectNode inRequiredOrder(JsonNode properties, JsonNode required) {
    Map<String, JsonNode> ordered = new LinkedHashMap<>();
    required.forEach(
        name -> {
          if (properties.has(name.asString())) {
            ordered.put(name.asString(), properties.get(name.asString()));
          }
        });
    Map<String, JsonNode> rest = new TreeMap<>();
    properties.properties().forEach(e -> rest.put(e.getKey(), e.getValue()));
    rest.forEach(ordered::putIfAbsent);
    ObjectNode out = Api.JSON.createObjectNode();
    ordered.forEach((k, v) -> out.set(k, canonical(v)));
    return out;
  }

  private static String pretty(JsonNode node) {
    return Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
  }

  private static void write(Path dir, String catalog, String deliveries) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("event-types.json"), catalog, UTF_8);
    Files.writeString(dir.resolve("deliveries.json"), deliveries, UTF_8);
  }

  private static String read(Path file) throws IOException {
    assertThat(file)
        .as(file + " is missing: run this test with -Dverk.writeFixtures=true")
        .exists();
    return Files.readString(file, UTF_8);
  }

  /** Surefire runs in the module folder; the fixtures live at the repository root. */
  private static Path repositoryRoot() {
    Path root = Path.of("").toAbsolutePath().getParent();
    assertThat(root.resolve("pom.xml")).exists();
    return root;
  }
}
