package com.verk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The "cost as the work grows" scenarios at a smoke-test size, on SQLite: many-webhooks with 1 and
 * 100 webhooks (and another organization's 10 hanging ones), and the history loader against the
 * schema the server migrated, read back through the delivery log. The long-history scenario itself
 * waits a minute for the retention purge, so it is run by the benchmark, not here.
 */
class ScaleScenariosIT {

  private final Path jar =
      Path.of(System.getProperty("verk.server.jar", "../verk-server/target/verk-server.jar"));

  @Test
  void many_webhooks_delivers_every_fan_out_at_a_smoke_test_size(@TempDir Path work) {
    assertThat(jar).as("verk-server.jar is packaged before the integration tests").isRegularFile();
    ScaleScenarios s =
        new ScaleScenarios(jar, Harness.Db.SQLITE, 0.001, 8, new ArrayList<>(), work, 0);

    Report r = s.manyWebhooks();

    assertThat(r.notes).isEmpty();
    assertThat(r.get("1 webhooks: missing")).isZero();
    assertThat(r.get("100 webhooks: missing")).isZero();
    assertThat(r.get("100 webhooks, 10 of another org hanging: missing")).isZero();
    assertThat(r.points)
        .filteredOn(p -> p.metric().startsWith("deliveries/s"))
        .extracting(Report.Point::x)
        .containsExactly(1.0, 100.0);
    assertThat(r.tables).hasSize(1);
    assertThat(r.tables.get(0)).contains("| 100 + 10 hanging (other org) |");
  }

  @Test
  void loaded_history_is_what_the_delivery_log_shows(@TempDir Path work) throws Exception {
    assertThat(jar).as("verk-server.jar is packaged before the integration tests").isRegularFile();
    try (FastReceiver receiver = new FastReceiver();
        Harness h = Harness.start(jar, Harness.Db.SQLITE, Map.of(), List.of(), work, 0, 1)) {
      List<String> hooks =
          List.of(
              h.webhook(receiver.url("/a"), ScaleScenarios.TASK_CREATED),
              h.webhook(receiver.url("/b"), ScaleScenarios.TASK_CREATED));
      long now = System.currentTimeMillis();
      HistoryLoader.Loaded[] loaded = new HistoryLoader.Loaded[1];
      h.restart(
          Map.of(),
          () ->
              loaded[0] =
                  HistoryLoader.load(h.jdbcUrl(), false, hooks, 3_701, now - 86_400_000L, now),
          0);

      assertThat(loaded[0].deliveries()).isEqualTo(3_701);
      assertThat(Files.size(h.sqliteFile())).isPositive();
      JsonNode first =
          h.api
              .call("GET", "/v1/webhooks/" + hooks.get(0) + "/deliveries?limit=100", h.key, null)
              .json();
      assertThat(first.path("data").size()).isEqualTo(100);
      assertThat(first.path("nextCursor").asString(null)).isNotBlank();
      // deliveries 0, 2, 4, ... belong to the first webhook; 1 in 37 failed
      JsonNode failed =
          h.api
              .call(
                  "GET",
                  "/v1/webhooks/" + hooks.get(1) + "/deliveries?limit=100&status=failed",
                  h.key,
                  null)
              .json();
      assertThat(failed.path("data").size()).isEqualTo(50); // odd multiples of 37 below 3,701
      assertThat(failed.path("data").get(0).path("status").asString()).isEqualTo("failed");
      // the server still delivers on top of the loaded history
      VerkClient.Ack ack = h.api.createTask(h.key, h.projectId, "after the history");
      assertThat(ack.created()).as("POST /v1/tasks: %s %s", ack.status(), ack.error()).isTrue();
      Scenarios.awaitDeliveries(receiver, 2, java.time.Duration.ofSeconds(120));
      assertThat(receiver.distinctDelivered()).isEqualTo(2);
    }
  }
}
