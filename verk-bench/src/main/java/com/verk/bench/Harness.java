package com.verk.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One fresh server for one scenario: a new data folder (SQLite) or a new throwaway database
 * (PostgreSQL), an enterprise organization made through the operator API, one project, and a
 * client. Closing stops the server and drops the database.
 */
final class Harness implements AutoCloseable {

  enum Db {
    SQLITE,
    POSTGRES
  }

  static final String POSTGRES_SERVER = "jdbc:postgresql://127.0.0.1:5432/";

  ServerProcess server;
  VerkClient api;
  final String key;
  final String projectId;
  private final String adminToken;
  private final String database;
  private Path dataDir;
  private ServerProcess.Config config;
  private final java.util.List<String> webhooks = new java.util.ArrayList<>();
  private long cpuAtStart;

  private Harness(
      ServerProcess server,
      String database,
      String adminToken,
      int warmUpTasks,
      int warmUpWebhooks) {
    this.server = server;
    this.database = database;
    this.adminToken = adminToken;
    this.api = new VerkClient(server.baseUrl());
    this.key = api.createOrganization(adminToken);
    this.projectId = api.createProject(key);
    // Sampling (a Prometheus scrape a second) runs during the warm-up too, so that its first
    // calls do not make the JIT recompile the request path inside the measured window; the peak
    // heap therefore covers the warm-up as well.
    server.startHeapSampling();
    warmUp(warmUpTasks, warmUpWebhooks);
    this.cpuAtStart = server.cpuMillis();
  }

  /**
   * Runs the measured path (create a task, deliver it) {@code tasks} times against {@code
   * webhookCount} webhooks of its own (as many as the scenario measures, so that the JIT has seen
   * the same shape) and a receiver of its own, then deletes them: the JIT has compiled the hot path
   * and the pools are filled before anything is measured, as on a server that has been up for a
   * while. Nothing of it is counted; the scenario's webhooks are made afterwards.
   *
   * <p>Between the two halves it also makes, lists, reads and deletes a webhook, the calls a
   * scenario makes before it measures. Without that, those first calls after a warm-up that saw
   * only task creation made the JIT throw away and recompile the request path (about one core for
   * ten seconds, measured with JFR), inside the measured window.
   */
  private void warmUp(int tasks, int webhookCount) {
    if (tasks <= 0) {
      return;
    }
    try (FastReceiver receiver = new FastReceiver()) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < webhookCount; i++) {
        ids.add(api.createWebhook(key, receiver.url("/warm-up/" + i), Scenarios.TASK_CREATED));
      }
      int delivered = 0;
      for (int half = 0; half < 2; half++) {
        Load.Outcome load =
            Load.closedLoop(api, key, projectId, 32, tasks / 2, Duration.ofSeconds(60));
        delivered += load.acks().size() * webhookCount;
        Scenarios.awaitDeliveries(receiver, delivered, Duration.ofSeconds(60));
        if (half == 0) {
          for (int i = 0; i < 20; i++) {
            String extra =
                api.createWebhook(key, receiver.url("/warm-up/extra"), Scenarios.TASK_CREATED);
            api.call("GET", "/v1/webhooks", key, null);
            api.call("GET", "/v1/webhooks/" + ids.get(0) + "/deliveries?limit=100", key, null);
            delete(extra);
          }
        }
      }
      ids.forEach(this::delete);
    }
  }

  private void delete(String webhookId) {
    VerkClient.Reply deleted = api.call("DELETE", "/v1/webhooks/" + webhookId, key, null);
    if (deleted.status() == 500) {
      // Seen on PostgreSQL right after the warm-up's deliveries arrived (the outcomes still being
      // recorded): say so with the server's error, and try once more.
      System.err.println(
          "DELETE /v1/webhooks/"
              + webhookId
              + " answered 500; the server's log says:\n"
              + server
                  .logTail()
                  .lines()
                  .filter(l -> l.contains("ERROR") || l.contains("Exception") || l.contains("WARN"))
                  .limit(8)
                  .reduce("", (a, b) -> a + b + "\n"));
      ServerProcess.pause(1_000);
      deleted = api.call("DELETE", "/v1/webhooks/" + webhookId, key, null);
    }
    if (deleted.status() != 204) {
      throw new IllegalStateException("could not delete a warm-up webhook: " + deleted);
    }
  }

  static Harness start(
      Path jar,
      Db db,
      Map<String, String> extraEnv,
      List<String> extraJvm,
      Path workDir,
      int warmUpTasks,
      int warmUpWebhooks) {
    String adminToken = "bench-" + UUID.randomUUID();
    Path dataDir;
    try {
      Files.createDirectories(workDir);
      dataDir = Files.createTempDirectory(workDir, "data-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("VERK_DATA_DIR", dataDir.toString());
    env.put("VERK_ADMIN_TOKEN", adminToken);
    env.put("VERK_WEBHOOKS_ALLOW_HTTP", "true");
    env.put("VERK_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
    String database = null;
    if (db == Db.POSTGRES) {
      database = "verk_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      createDatabase(database);
      env.put("VERK_DATABASE_URL", POSTGRES_SERVER + database);
      env.put("VERK_DATABASE_USER", "postgres");
    }
    env.putAll(extraEnv);
    List<String> jvm = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseG1GC"));
    jvm.addAll(extraJvm);
    Path log = dataDir.resolve("server.log");
    try {
      ServerProcess server =
          ServerProcess.start(
              new ServerProcess.Config(jar, env, jvm, log), Duration.ofSeconds(600));
      try {
        Harness h = new Harness(server, database, adminToken, warmUpTasks, warmUpWebhooks);
        h.dataDir = dataDir;
        h.config = new ServerProcess.Config(jar, env, jvm, log);
        return h;
      } catch (RuntimeException e) {
        System.err.println(server.logTail());
        server.close();
        throw e;
      }
    } catch (RuntimeException e) {
      if (database != null) {
        dropDatabase(database);
      }
      throw e;
    }
  }

  /** The server's SQLite file (on PostgreSQL: null). */
  Path sqliteFile() {
    return database == null ? dataDir.resolve("verk.db") : null;
  }

  /** The JDBC URL of the server's database, for loaders (SQLite: only while it is stopped). */
  String jdbcUrl() {
    return database != null ? POSTGRES_SERVER + database : "jdbc:sqlite:" + sqliteFile();
  }

  /**
   * Stops the server (SIGTERM), runs {@code offline} against its database (a loader), and starts it
   * again on the same data with {@code moreEnv} added; then warms it up with {@code warmUpTasks}
   * tasks through one webhook of its own and resets the CPU counter.
   */
  void restart(Map<String, String> moreEnv, Runnable offline, int warmUpTasks) {
    api.close();
    server.close();
    offline.run();
    Map<String, String> env = new LinkedHashMap<>(config.env());
    env.putAll(moreEnv);
    config = new ServerProcess.Config(config.jar(), env, config.jvmArgs(), config.log());
    server = ServerProcess.start(config, Duration.ofSeconds(600));
    api = new VerkClient(server.baseUrl());
    server.startHeapSampling();
    warmUp(warmUpTasks, 1);
    cpuAtStart = server.cpuMillis();
  }

  /** Resets the CPU counter that {@link #cpuMillisSinceStart()} reads. */
  void resetCpu() {
    cpuAtStart = server.cpuMillis();
  }

  String adminToken() {
    return adminToken;
  }

  /** Another organization's key and project, for scenarios with more than one tenant. */
  record Tenant(String key, String projectId) {}

  /**
   * Another enterprise organization (no webhook limit) with a project of its own, made through the
   * operator API like the first. Its webhooks are not counted by {@link #queueState()}.
   */
  Tenant organization() {
    String otherKey = api.createOrganization(adminToken);
    return new Tenant(otherKey, api.createProject(otherKey));
  }

  /** Creates a webhook subscribed to {@code events} and remembers it for {@link #queueState()}. */
  String webhook(String url, List<String> events) {
    String id = api.createWebhook(key, url, events);
    webhooks.add(id);
    return id;
  }

  /**
   * Deliveries the server still holds as pending or failed, over the webhooks made here (counted
   * from the first page of the delivery log, so at most 100 per webhook and status).
   */
  int[] queueState() {
    int pending = 0;
    int failed = 0;
    for (String id : webhooks) {
      pending += count(id, "pending");
      failed += count(id, "failed");
    }
    return new int[] {pending, failed};
  }

  private int count(String webhookId, String status) {
    VerkClient.Reply r =
        api.call(
            "GET",
            "/v1/webhooks/" + webhookId + "/deliveries?limit=100&status=" + status,
            key,
            null);
    return r.status() == 200 ? r.json().path("data").size() : -1;
  }

  /** Server CPU time used since this harness was ready, in milliseconds. */
  long cpuMillisSinceStart() {
    return server.cpuMillis() - cpuAtStart;
  }

  static void createDatabase(String name) {
    try (Connection c = DriverManager.getConnection(POSTGRES_SERVER + "postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 is not usable: " + e, e);
    }
  }

  static void dropDatabase(String name) {
    try (Connection c = DriverManager.getConnection(POSTGRES_SERVER + "postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      System.err.println("could not drop " + name + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    api.close();
    server.close();
    if (database != null) {
      dropDatabase(database);
    }
    if (dataDir != null) {
      Bench.deleteTree(dataDir);
    }
  }
}
