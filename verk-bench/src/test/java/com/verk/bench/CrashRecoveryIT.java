package com.verk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server process is killed with SIGKILL (no shutdown hook, no graceful drain) while thousands
 * of deliveries are queued or on the wire and tasks are still being created; it restarts on the
 * same data folder. Every event whose API call answered 201 must reach every webhook at least once,
 * and a repeat must carry the same deliveryId.
 */
class CrashRecoveryIT {

  private static final int WEBHOOKS = 5;
  private static final int TASKS = 2_000;

  private final Path jar =
      Path.of(System.getProperty("verk.server.jar", "../verk-server/target/verk-server.jar"));
  private ServerProcess server;
  private FastReceiver receiver;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void every_acknowledged_event_is_delivered_after_a_sigkill_mid_delivery() throws Exception {
    assertThat(jar).as("verk-server.jar is packaged before the integration tests").isRegularFile();
    Path dataDir = Files.createTempDirectory("verk-crash-");
    String adminToken = "crash-" + UUID.randomUUID();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("VERK_DATA_DIR", dataDir.toString());
    env.put("VERK_ADMIN_TOKEN", adminToken);
    env.put("VERK_WEBHOOKS_ALLOW_HTTP", "true");
    env.put("VERK_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
    env.put("VERK_WEBHOOKS_TIMEOUT", "2s");
    env.put("VERK_WEBHOOKS_LEASE", "5s"); // leases of the killed process expire quickly
    env.put("VERK_WEBHOOKS_RETRY_SCHEDULE", "1s,1s,1s,1s,1s,1s");
    ServerProcess.Config config =
        new ServerProcess.Config(jar, env, List.of("-Xmx512m"), dataDir.resolve("server.log"));

    // (path, taskId) -> deliveryIds seen, and how many 200s in total
    Map<String, Set<String>> deliveryIdsByTarget = new ConcurrentHashMap<>();
    receiver = new FastReceiver();
    receiver.listener(
        (path, deliveryId, taskId) ->
            deliveryIdsByTarget
                .computeIfAbsent(path + " " + taskId, k -> ConcurrentHashMap.newKeySet())
                .add(deliveryId));

    server = ServerProcess.start(config, Duration.ofSeconds(120));
    String key;
    String projectId;
    try (VerkClient api = new VerkClient(server.baseUrl())) {
      key = api.createOrganization(adminToken);
      projectId = api.createProject(key);
      for (int i = 0; i < WEBHOOKS; i++) {
        api.createWebhook(key, receiver.url("/hook/" + i), List.of("task.created"));
      }
    }

    AtomicReference<Load.Outcome> outcome = new AtomicReference<>();
    AtomicInteger acknowledged = new AtomicInteger();
    VerkClient loadClient = new VerkClient(server.baseUrl());
    Thread load =
        new Thread(
            () ->
                outcome.set(
                    Load.closedLoop(
                        loadClient,
                        key,
                        projectId,
                        16,
                        TASKS,
                        Duration.ofSeconds(60),
                        acknowledged)));
    load.start();
    // Some deliveries complete normally; then the receiver stalls so that thousands pile up,
    // queued in the database or held on the wire, while tasks are still being created.
    awaitWhileLoading(load, () -> receiver.distinctDelivered() >= 500);
    receiver.mode(FastReceiver.Mode.HOLD);
    awaitWhileLoading(
        load, () -> acknowledged.get() * WEBHOOKS - receiver.distinctDelivered() >= 3_000);
    int receivedBeforeKill = receiver.distinctDelivered();
    server.kill();
    int heldAtKill = receiver.dropHeld(); // never answered: the server must send them again
    load.join(Duration.ofSeconds(90).toMillis());
    loadClient.close();
    assertThat(load.isAlive()).as("the load stops by itself").isFalse();

    Load.Outcome acked = outcome.get();
    Set<String> ackedTasks = new HashSet<>();
    acked.acks().forEach(a -> ackedTasks.add(a.taskId()));
    int expected = ackedTasks.size() * WEBHOOKS;
    int inFlightAtKill = expected - receivedBeforeKill;

    server = ServerProcess.start(config, Duration.ofSeconds(120));
    long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (missing(ackedTasks, deliveryIdsByTarget) > 0 && System.nanoTime() < until) {
      ServerProcess.pause(100);
    }

    int missing = missing(ackedTasks, deliveryIdsByTarget);
    long changedIds = deliveryIdsByTarget.values().stream().filter(ids -> ids.size() > 1).count();
    System.out.printf(
        "crash test: %d API calls, %d acknowledged (201), %d failed at the kill;"
            + " %d deliveries expected, %d received before the kill, %d outstanding at the kill;"
            + " %d held unanswered on the wire; after restart: %d distinct received, %d duplicates (same deliveryId again),"
            + " %d missing, %d targets with more than one deliveryId%n",
        acked.acks().size() + acked.failures(),
        acked.acks().size(),
        acked.failures(),
        expected,
        receivedBeforeKill,
        inFlightAtKill,
        heldAtKill,
        receiver.distinctDelivered(),
        receiver.duplicates(),
        missing,
        changedIds);

    assertThat(acked.acks().size()).as("events acknowledged before the kill").isGreaterThan(200);
    assertThat(inFlightAtKill).as("deliveries outstanding at the kill").isGreaterThan(1_000);
    assertThat(missing).as("acknowledged events never delivered").isZero();
    assertThat(changedIds).as("repeats carry the same deliveryId").isZero();
  }

  private static void awaitWhileLoading(Thread load, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean() && load.isAlive() && System.nanoTime() < deadline) {
      ServerProcess.pause(5);
    }
  }

  private static int missing(Set<String> ackedTasks, Map<String, Set<String>> seen) {
    int missing = 0;
    for (String task : ackedTasks) {
      for (int i = 0; i < WEBHOOKS; i++) {
        if (!seen.containsKey("/hook/" + i + " " + task)) {
          missing++;
        }
      }
    }
    return missing;
  }
}
