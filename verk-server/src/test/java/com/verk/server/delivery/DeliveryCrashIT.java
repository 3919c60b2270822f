package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server is killed with SIGKILL while deliveries are in flight, restarted on the same
 * SQLite data folder, and every queued delivery still arrives with the same deliveryId. Repeats are
 * allowed only for deliveries whose outcome had not been recorded when the process died.
 */
class DeliveryCrashIT {

  private static final int DELIVERIES = 300;
  private static final int ANSWERED_AT_ONCE = 100;

  @TempDir Path dataDir;

  private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch enoughHeld = new CountDownLatch(30);

  @Test
  void every_delivery_arrives_after_a_sigkill_and_restart_with_the_same_delivery_ids()
      throws Exception {
    HttpServer receiver = receiver();
    Process first = null;
    Process second = null;
    try {
      int port = freePort();
      first = start(port, "first");
      awaitHealthy(port, first);
      Set<String> queued = queue("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");

      assertThat(enoughHeld.await(60, TimeUnit.SECONDS))
          .as("requests in flight before the kill")
          .isTrue();
      first.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful drain
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Set<String> recordedBeforeKill = succeeded();
      release.countDown();
      // Sent by the first process but not recorded by it: in flight when it died.
      Set<String> inFlightAtKill = new HashSet<>(received.keySet());
      inFlightAtKill.removeAll(recordedBeforeKill);

      second = start(port, "second");
      awaitHealthy(port, second);
      awaitAllSucceeded(queued);

      Set<String> duplicates =
          received.entrySet().stream()
              .filter(e -> e.getValue().get() > 1)
              .map(Map.Entry::getKey)
              .collect(Collectors.toSet());
      System.out.printf(
          "SIGKILL test: queued=%d, received=%d (unique %d), duplicates=%d, in flight at kill=%d,"
              + " recorded as succeeded before kill=%d%n",
          queued.size(),
          total.get(),
          received.size(),
          duplicates.size(),
          inFlightAtKill.size(),
          recordedBeforeKill.size());
      assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(queued);
      assertThat(prometheus(port))
          .contains("verk_delivery_attempts_total{")
          .contains("outcome=\"succeeded\"")
          .contains("verk_delivery_attempt_duration_seconds_bucket")
          .contains("verk_deliveries_due")
          .contains("verk_deliveries_in_flight")
          .contains("verk_webhooks_disabled");
      assertThat(duplicates).doesNotContainAnyElementsOf(recordedBeforeKill);
      assertThat(inFlightAtKill).containsAll(duplicates);
    } finally {
      release.countDown();
      stop(first);
      stop(second);
      receiver.stop(0);
    }
  }

  private HttpServer receiver() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
    return server;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      String id = exchange.getRequestHeaders().getFirst("X-Verk-Delivery");
      received.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
      if (total.incrementAndGet() > ANSWERED_AT_ONCE && release.getCount() > 0) {
        enoughHeld.countDown();
        release.await(120, TimeUnit.SECONDS); // hold the request open until the server is dead
      }
      exchange.sendResponseHeaders(200, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Process start(int port, String name) throws IOException {
    Path jar = Path.of(System.getProperty("verk.jar", "target/verk-server.jar"));
    assertThat(jar).exists();
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-jar",
            jar.toString());
    Map<String, String> env = builder.environment();
    env.put("PORT", Integer.toString(port));
    env.put("VERK_DATA_DIR", dataDir.toString());
    env.put("VERK_WEBHOOKS_ALLOW_HTTP", "true");
    env.put("VERK_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
    env.put("VERK_WEBHOOKS_TIMEOUT", "3s");
    env.put("VERK_WEBHOOKS_LEASE", "4s");
    env.put("VERK_WEBHOOKS_RETRY_SCHEDULE", "1s,1s,1s,1s,1s,1s");
    env.put("VERK_BOOTSTRAP_API_KEY", "vk_crashTestKey000000000000000000000000000");
    Path log = Path.of("target", "crash-it-" + name + ".log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return builder.start();
  }

  private static void awaitHealthy(int port, Process process) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive()).as("server process exited; see target/crash-it-*.log").isTrue();
      try {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200); // polling for readiness with a deadline
    }
    throw new AssertionError("server did not become healthy");
  }

  private static String prometheus(int port) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** Queues deliveries straight into the database, as committed outbox rows. */
  private Set<String> queue(String url) throws SQLException {
    Set<String> ids = new HashSet<>();
    long now = System.currentTimeMillis();
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      exec(
          c,
          "INSERT INTO organizations (id, name, plan, created_at, updated_at)"
              + " VALUES ('org_crash', 'Crash Inc', 'enterprise', ?, ?)",
          now,
          now);
      for (int w = 0; w < 3; w++) {
        exec(
            c,
            "INSERT INTO webhooks (id, org_id, url, secret, active, created_at, updated_at)"
                + " VALUES (?, 'org_crash', ?, 'crash-secret', TRUE, ?, ?)",
            "webhook_crash" + w,
            url + w,
            now,
            now);
      }
      for (int i = 0; i < DELIVERIES; i++) {
        String event = "evt_crash" + i;
        String id = "delivery_crash" + i;
        exec(
            c,
            "INSERT INTO events (id, org_id, org_name, type, data, occurred_at)"
                + " VALUES (?, 'org_crash', 'Crash Inc', 'task.created', ?, ?)",
            event,
            "{\"n\":" + i + "}",
            now);
        exec(
            c,
            "INSERT INTO deliveries (id, org_id, webhook_id, event_id, event_type, status,"
                + " attempts, next_attempt_at, created_at, updated_at) VALUES (?, 'org_crash', ?, ?,"
                + " 'task.created', 'pending', 0, ?, ?, ?)",
            id,
            "webhook_crash" + (i % 3),
            event,
            now,
            now,
            now);
        ids.add(id);
      }
      c.commit();
    }
    return ids;
  }

  private Set<String> succeeded() throws SQLException {
    Set<String> ids = new HashSet<>();
    try (Connection c = connection();
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT id FROM deliveries WHERE status = 'succeeded'")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  private void awaitAllSucceeded(Set<String> queued) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    Set<String> done = Set.of();
    while (System.nanoTime() < deadline) {
      done = succeeded();
      if (done.containsAll(queued) && received.keySet().containsAll(queued)) {
        return;
      }
      Thread.sleep(200); // polling the database with a deadline
    }
    List<String> missing = new ArrayList<>(queued);
    missing.removeAll(done);
    throw new AssertionError(
        missing.size() + " deliveries never succeeded, e.g. " + missing.stream().limit(5).toList());
  }

  private Connection connection() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:sqlite:" + dataDir.resolve("verk.db") + "?busy_timeout=10000&journal_mode=WAL");
  }

  private static void exec(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void stop(Process process) throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
