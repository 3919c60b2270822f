package com.verk.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.PostgresTestDatabase;
import com.verk.server.testing.Receiver;
import com.verk.server.testing.ServerTest;
import com.verk.server.testing.SqliteServerTest;
import com.verk.server.testing.TcpProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL goes away under load, twice: every Verk connection is killed with {@code
 * pg_terminate_backend}, then the database is unreachable for a while (a proxy in front of it
 * closes every connection and refuses new ones, as during a restart). The API answers 503 while it
 * cannot write, never 500; health is DOWN while the database is away and UP after; API and engine
 * recover by themselves; every acknowledged event is delivered and no delivery is left behind.
 */
class PostgresOutageTest extends ServerTest {

  private static PostgresTestDatabase database;
  private static TcpProxy proxy;

  @BeforeAll
  static void databaseBehindProxy() {
    database = PostgresTestDatabase.create();
    URI server = URI.create(PostgresTestDatabase.SERVER.substring("jdbc:".length()));
    proxy = new TcpProxy(server.getHost(), server.getPort());
  }

  @AfterAll
  static void drop() {
    if (proxy != null) {
      proxy.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @DynamicPropertySource
  static void postgresThroughProxy(DynamicPropertyRegistry registry) {
    registry.add(
        "verk.database.url",
        () -> database.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/"));
    registry.add("verk.database.user", () -> database.user());
    registry.add("verk.data-dir", () -> SqliteServerTest.tempDir().toString());
    registry.add("verk.webhooks.lease", () -> "8s");
  }

  @Test
  void api_and_engine_recover_by_themselves_and_nothing_acknowledged_is_lost() throws Exception {
    Tenant t = newTenant("pro");
    Map<Integer, Integer> answers = new TreeMap<>();
    Set<String> acknowledged = new HashSet<>();
    try (Receiver receiver = new Receiver()) {
      t.api()
          .post(
              "/v1/webhooks",
              Map.of("url", receiver.url("/hook"), "events", List.of("task.created")));
      String project =
          t.api().post("/v1/projects", Map.of("name", "P")).json().path("id").asString();

      createTasks(t, project, 30, answers, acknowledged);
      assertThat(answers).containsOnlyKeys(201);

      terminateVerkConnections();
      createTasks(t, project, 30, answers, acknowledged);

      proxy.cut();
      HttpResponse<String> away = health();
      Api.Result refused = t.api().post("/v1/tasks", Map.of("title", "away", "projectId", project));
      answers.merge(refused.status(), 1, Integer::sum);
      proxy.restore();
      awaitHealthUp();
      createTasks(t, project, 30, answers, acknowledged);

      assertThat(away.statusCode()).as("health while the database is away").isEqualTo(503);
      assertThat(away.body()).contains("DOWN");
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.code()).isEqualTo("service_unavailable");
      assertThat(answers).as("answers by status").containsOnlyKeys(201, 503);
      Set<String> delivered = awaitDelivered(receiver, acknowledged);
      long stuck = awaitAllSucceeded();
      int duplicates = receiver.received().size() - delivered.size();
      System.out.printf(
          "postgres outage: answers %s; acknowledged %d, delivered %d, lost %d, stuck %d,"
              + " sent more than once %d%n",
          answers,
          acknowledged.size(),
          delivered.size(),
          acknowledged.stream().filter(id -> !delivered.contains(id)).count(),
          stuck,
          duplicates);
      assertThat(delivered).containsAll(acknowledged);
      assertThat(stuck).isZero();
    }
  }

  private static void createTasks(
      Tenant t, String project, int n, Map<Integer, Integer> answers, Set<String> acknowledged) {
    for (int i = 0; i < n; i++) {
      Api.Result r = t.api().post("/v1/tasks", Map.of("title", "T" + i, "projectId", project));
      answers.merge(r.status(), 1, Integer::sum);
      if (r.status() == 201) {
        acknowledged.add(r.json().path("id").asString());
      }
    }
  }

  private static void terminateVerkConnections() throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                PostgresTestDatabase.SERVER + "postgres", database.user(), "");
        PreparedStatement s =
            c.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
      s.setString(1, database.url().substring(database.url().lastIndexOf('/') + 1));
      s.executeQuery().close();
    }
  }

  private HttpResponse<String> health() throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  // Waiting for an outside system to come back: polled against a deadline.
  private void awaitHealthUp() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (health().statusCode() != 200) {
      assertThat(System.nanoTime()).as("health UP again").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static Set<String> awaitDelivered(Receiver receiver, Set<String> acknowledged) {
    Set<String> delivered = new HashSet<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!delivered.containsAll(acknowledged) && System.nanoTime() < deadline) {
      try {
        Receiver.Request r = receiver.poll(Duration.ofSeconds(1));
        if (r != null) {
          delivered.add(Api.JSON.readTree(r.bodyText()).path("data").path("id").asString());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return delivered;
  }

  // The receiver may have an answer whose outcome is still being recorded: wait for the record.
  private static long awaitAllSucceeded() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    long stuck = notSucceeded();
    while (stuck > 0 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      stuck = notSucceeded();
    }
    return stuck;
  }

  private static long notSucceeded() throws Exception {
    try (Connection c = DriverManager.getConnection(database.url(), database.user(), "");
        PreparedStatement s =
            c.prepareStatement("SELECT COUNT(*) FROM deliveries WHERE status <> 'succeeded'");
        var rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
