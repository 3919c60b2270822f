package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.PostgresTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V9 keeps the id of the object an event is about in {@code events.object_id}: events written
 * before it get theirs from their JSON, and a search by object id on SQLite walks indexes (its
 * planner has no statistics to go by, so the query fixes the order).
 */
class DeliverySearchMigrationTest {

  @TempDir Path dir;

  @Test
  void sqlite_backfills_object_ids_and_searches_through_indexes() throws Exception {
    Files.createDirectories(dir);
    DataSource ds = new DriverManagerDataSource("jdbc:sqlite:" + dir.resolve("verk.db"));
    migrate(ds, "sqlite", "6");
    insertOldEvents(new JdbcTemplate(ds));
    migrate(ds, "sqlite", null);
    assertBackfilled(new JdbcTemplate(ds));

    NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(ds);
    DeliveryFilter byObject = new DeliveryFilter(null, null, null, null, null, "task_1");
    String objectPlan = plan(named, DeliveryLog.listSql(byObject, true));
    assertThat(objectPlan)
        .contains("SEARCH e USING INDEX events_object")
        .contains("SEARCH d USING INDEX deliveries_event")
        .doesNotContain("deliveries_webhook")
        .doesNotContain("SCAN e");
    DeliveryFilter byTime =
        new DeliveryFilter("failed", null, Instant.EPOCH, Instant.now(), null, null);
    assertThat(plan(named, DeliveryLog.listSql(byTime, false))).contains("deliveries_webhook");
    DeliveryFilter byId = new DeliveryFilter(null, null, null, null, "delivery_1", null);
    assertThat(plan(named, DeliveryLog.listSql(byId, false)))
        .containsAnyOf("sqlite_autoindex_deliveries_1", "PRIMARY KEY");
  }

  @Test
  void postgresql_backfills_object_ids() {
    try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
      DataSource ds = new DriverManagerDataSource(db.url(), db.user(), "");
      migrate(ds, "postgresql", "6");
      insertOldEvents(new JdbcTemplate(ds));
      migrate(ds, "postgresql", null);
      assertBackfilled(new JdbcTemplate(ds));
    }
  }

  private static void migrate(DataSource ds, String folder, String target) {
    var config = Flyway.configure().dataSource(ds).locations("classpath:db/migration/" + folder);
    if (target != null) {
      config.target(target);
    }
    config.load().migrate();
  }

  private static void insertOldEvents(JdbcTemplate jdbc) {
    String insert =
        "INSERT INTO events (id, org_id, org_name, type, data, occurred_at)"
            + " VALUES (?, 'org_1', 'Acme', ?, ?, 1)";
    jdbc.update(insert, "evt_task", "task.created", "{\"id\":\"task_1\",\"title\":\"T\"}");
    jdbc.update(
        insert, "evt_comment", "comment.created", "{\"id\":\"comment_9\",\"taskId\":\"task_1\"}");
    jdbc.update(
        insert, "evt_hook", "webhook.disabled", "{\"webhookId\":\"webhook_7\",\"url\":\"u\"}");
    jdbc.update(insert, "evt_number", "task.created", "{\"id\":42}");
    jdbc.update(insert, "evt_none", "task.deleted", "{\"title\":\"no id\"}");
  }

  private static void assertBackfilled(JdbcTemplate jdbc) {
    Map<String, String> ids = new HashMap<>();
    jdbc.query(
        "SELECT id, object_id FROM events",
        rs -> {
          ids.put(rs.getString(1), rs.getString(2));
        });
    assertThat(ids)
        .containsEntry("evt_task", "task_1")
        .containsEntry("evt_comment", "comment_9")
        .containsEntry("evt_hook", "webhook_7")
        .containsEntry("evt_number", null)
        .containsEntry("evt_none", null);
  }

  private static String plan(NamedParameterJdbcTemplate named, String sql) {
    Map<String, Object> params = new HashMap<>();
    for (String name :
        List.of(
            "org",
            "webhook",
            "limit",
            "status",
            "event",
            "since",
            "until",
            "deliveryId",
            "objectId",
            "createdAt",
            "id")) {
      params.put(name, "limit".equals(name) ? 21 : "x");
    }
    return String.join(
        "\n", named.query("EXPLAIN QUERY PLAN " + sql, params, (rs, n) -> rs.getString("detail")));
  }
}
