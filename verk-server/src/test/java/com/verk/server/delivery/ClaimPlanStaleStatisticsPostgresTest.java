package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.storage.DatabaseKind;
import com.verk.server.testing.PostgresTestDatabase;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A burst queues a backlog faster than autovacuum analyzes the table (as after an outage): the
 * statistics still say {@code deliveries} is nearly empty. The claim must still walk the due index
 * in order and stop at its limit under the engine's session settings ({@link
 * DatabaseKind#POSTGRES_ENGINE_SESSION}). Without them the planner read and sorted every due row (a
 * bitmap scan and a sort spilled to disk, 88 ms per claim of 64 at 30,000 due rows).
 */
class ClaimPlanStaleStatisticsPostgresTest {

  private static final long NOW = Instant.parse("2026-06-01T12:00:00Z").toEpochMilli();
  private static final int BACKLOG = 30_000;
  private static final long BOUND = 1_000;

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
    for (int w = 0; w < 10; w++) {
      jdbc.update(
          "INSERT INTO webhooks (id, org_id, url, secret, active, created_at, updated_at)"
              + " VALUES (?, 'org_a', 'https://example.com/', 's', TRUE, 0, 0)",
          "webhook_" + w);
    }
    jdbc.update(
        "INSERT INTO events (id, org_id, org_name, type, data, occurred_at)"
            + " VALUES ('evt_0', 'org_a', 'a', 'task.created', '{}', 0)");
    jdbc.execute("ANALYZE"); // the statistics of a nearly empty table
    // Then the burst: every row due, spread over the ten webhooks, no analyze since.
    jdbc.update(
        "INSERT INTO deliveries (id, org_id, webhook_id, event_id, event_type, status, attempts,"
            + " next_attempt_at, created_at, updated_at)"
            + " SELECT 'delivery_' || lpad(i::text, 6, '0'), 'org_a', 'webhook_' || (i % 10),"
            + " 'evt_0', 'task.created', 'pending', 0, ? - 100000 + i, ? - 100000 + i, ?"
            + " FROM generate_series(1, ?) i",
        NOW, NOW, NOW, BACKLOG);
  }

  @AfterAll
  static void drop() {
    if (db != null) {
      db.close();
    }
  }

  private static DeliveryStore.ClaimRequest request(Set<String> webhooks, Set<String> orgs) {
    return new DeliveryStore.ClaimRequest(
        "node-plan", NOW, NOW + 30_000, 200, 32, 64, webhooks, orgs);
  }

  /** The claim's executed plan in the engine's session. */
  private static JsonNode plan(DeliveryStore.ClaimRequest r) {
    return ClaimPlans.plan(dataSource, r, DatabaseKind.POSTGRES_ENGINE_SESSION);
  }

  @Test
  void the_oldest_due_claim_reads_its_share_not_the_backlog() {
    JsonNode plan = plan(request(Set.of(), Set.of()));

    assertThat(plan.path("Actual Rows").asLong()).as("the organization's share").isEqualTo(64);
    assertThat(ClaimPlans.deliveriesRowsRead(plan)).as(plan.toString()).isLessThan(BOUND);
    assertThat(plan.toString()).doesNotContain("Bitmap").doesNotContain("external");
  }

  @Test
  void the_per_webhook_claim_reads_its_share_not_the_backlog() {
    JsonNode plan = plan(request(Set.of("webhook_0"), Set.of()));

    assertThat(plan.path("Actual Rows").asLong()).as("the organization's share").isEqualTo(64);
    assertThat(ClaimPlans.deliveriesRowsRead(plan)).as(plan.toString()).isLessThan(BOUND);
    assertThat(plan.toString()).doesNotContain("Bitmap").doesNotContain("external");
  }
}
