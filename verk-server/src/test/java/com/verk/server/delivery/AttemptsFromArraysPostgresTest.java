package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.storage.DatabaseKind;
import com.verk.server.testing.PostgresTestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * On PostgreSQL a batch of attempts is one statement over arrays: every column arrives as written
 * (nulls, a NUL in a body), and an attempt of a delivery deleted meanwhile is left out instead of
 * failing the batch on the foreign key.
 */
class AttemptsFromArraysPostgresTest {

  private static PostgresTestDatabase db;
  private static PGSimpleDataSource dataSource;
  private static JdbcTemplate jdbc;

  @BeforeAll
  static void database() {
    db = PostgresTestDatabase.create();
    dataSource = ClaimPlans.migrated(db);
    jdbc = new JdbcTemplate(dataSource);
    jdbc.update(
        "INSERT INTO organizations (id, name, plan, created_at, updated_at)"
            + " VALUES ('org_a', 'a', 'enterprise', 0, 0)");
    jdbc.update(
        "INSERT INTO webhooks (id, org_id, url, secret, active, created_at, updated_at)"
            + " VALUES ('webhook_a', 'org_a', 'https://example.com/', 's', TRUE, 0, 0)");
    jdbc.update(
        "INSERT INTO events (id, org_id, org_name, type, data, occurred_at)"
            + " VALUES ('evt_a', 'org_a', 'a', 'task.created', '{}', 0)");
    for (String id : List.of("delivery_1", "delivery_2")) {
      jdbc.update(
          "INSERT INTO deliveries (id, org_id, webhook_id, event_id, event_type, status, attempts,"
              + " next_attempt_at, lease_owner, lease_expires_at, created_at, updated_at)"
              + " VALUES (?, 'org_a', 'webhook_a', 'evt_a', 'task.created', 'pending', 0, 0,"
              + " 'node', 99999999999, 0, 0)",
          id);
    }
  }

  @AfterAll
  static void drop() {
    if (db != null) {
      db.close();
    }
  }

  private static Attempt attempt(String deliveryId, Outcome outcome) {
    Job job =
        new Job(
            deliveryId,
            "webhook_a",
            "org_a",
            "a",
            "evt_a",
            "task.created",
            "{}",
            0,
            false,
            0,
            0,
            null,
            "https://example.com/",
            "s",
            null,
            null,
            true);
    return new Attempt(job, 1, 1_000, outcome, Map.of("X-Verk-Event", "task.created"), "node");
  }

  @Test
  void a_batch_is_written_whole_and_an_attempt_of_a_deleted_delivery_is_left_out() {
    OutcomeWriter writer =
        new OutcomeWriter(
            dataSource,
            DatabaseKind.POSTGRES,
            new RetryPolicy(List.of(Duration.ofMinutes(1))),
            JsonMapper.builder().build(),
            null);

    writer.write(
        List.of(
            attempt("delivery_1", new Outcome.Delivered(200, "ok\u0000body", 12)),
            attempt("delivery_2", new Outcome.Failed(503, null, 7, null)),
            attempt("delivery_gone", new Outcome.Delivered(200, "x", 1))));

    List<Map<String, Object>> rows =
        jdbc.queryForList(
            "SELECT delivery_id, webhook_id, number, attempted_at, success, response_status,"
                + " response_time_ms, response_body, request_headers FROM delivery_attempts"
                + " ORDER BY delivery_id");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0))
        .containsEntry("delivery_id", "delivery_1")
        .containsEntry("webhook_id", "webhook_a")
        .containsEntry("number", 1)
        .containsEntry("attempted_at", 1_000L)
        .containsEntry("success", true)
        .containsEntry("response_status", 200)
        .containsEntry("response_time_ms", 12L)
        .containsEntry("response_body", "ok\uFFFDbody")
        .containsEntry("request_headers", "{\"X-Verk-Event\":\"task.created\"}");
    assertThat(rows.get(1))
        .containsEntry("delivery_id", "delivery_2")
        .containsEntry("success", false)
        .containsEntry("response_status", 503)
        .containsEntry("response_body", null);
    assertThat(
            jdbc.queryForObject(
                "SELECT status FROM deliveries WHERE id = 'delivery_1'", String.class))
        .as("the outcomes of the batch were recorded with it")
        .isEqualTo("succeeded");
  }
}
