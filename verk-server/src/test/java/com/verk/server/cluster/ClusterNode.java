package com.verk.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One Verk node: the packaged jar in a child process, with its own port and node id. */
final class ClusterNode implements AutoCloseable {

  static final String ADMIN_TOKEN = "cluster-it-admin-token-0123456789abcdef";

  private final String id;
  private final int port;
  private final Path log;
  private final Process process;
  private volatile boolean killed;

  private ClusterNode(String id, int port, Path log, Process process) {
    this.id = id;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /** Starts {@code id} on PostgreSQL at {@code databaseUrl}; extra settings go into env vars. */
  static ClusterNode start(
      String id, String databaseUrl, String databaseUser, Map<String, String> settings) {
    try {
      Path jar = Path.of(System.getProperty("verk.jar", "target/verk-server.jar"));
      assertThat(jar).as("the packaged server (mvn package)").exists();
      int port = freePort();
      Path dataDir = Files.createTempDirectory("verk-cluster-" + id);
      Path log = Path.of("target", "cluster-it-" + id + ".log");
      ProcessBuilder builder =
          new ProcessBuilder(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-XX:TieredStopAtLevel=1",
                  "-XX:+UseSerialGC",
                  "-jar",
                  jar.toString()));
      Map<String, String> env = builder.environment();
      env.put("PORT", Integer.toString(port));
      env.put("VERK_NODE_ID", id);
      env.put("VERK_DATABASE_URL", databaseUrl);
      env.put("VERK_DATABASE_USER", databaseUser);
      env.put("VERK_DATA_DIR", dataDir.toString());
      env.put("VERK_ADMIN_TOKEN", ADMIN_TOKEN);
      env.put("VERK_WEBHOOKS_ALLOW_HTTP", "true");
      env.put("VERK_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
      env.putAll(settings);
      builder.redirectErrorStream(true).redirectOutput(log.toFile());
      return new ClusterNode(id, port, log, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String id() {
    return id;
  }

  Path log() {
    return log;
  }

  boolean alive() {
    return !killed && process.isAlive();
  }

  Api admin() {
    return new Api(baseUrl(), ADMIN_TOKEN);
  }

  Api api(String key) {
    return new Api(baseUrl(), key);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Waits until the node answers health UP and names itself; fails early if it exits. */
  void awaitUp(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Api operator = admin(); // health details are for the operator token only
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive()).as("node " + id + " exited; see " + log).isTrue();
      try {
        Api.Result health = operator.get("/actuator/health");
        if (health.status() == 200) {
          assertThat(
                  health
                      .json()
                      .path("components")
                      .path("dispatcher")
                      .path("details")
                      .path("node")
                      .asString())
              .as("the node names itself in health")
              .isEqualTo(id);
          return;
        }
      } catch (UncheckedIOException notListeningYet) {
        // still starting
      }
      TimeUnit.MILLISECONDS.sleep(250); // polling for readiness with a deadline
    }
    throw new AssertionError("node " + id + " did not become healthy; see " + log);
  }

  /** SIGKILL: no shutdown hook, no drain, leases left behind. */
  void kill() throws InterruptedException {
    killed = true;
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("node " + id + " died").isTrue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
