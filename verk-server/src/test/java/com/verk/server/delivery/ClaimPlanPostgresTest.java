package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The PostgreSQL claim reads what it claims, not the backlog: with one organization's 20,000 due
 * deliveries in the table (statistics up to date), the plan of each claim shape, executed ({@code
 * EXPLAIN ANALYZE}, rolled back), touches a bounded number of {@code deliveries} rows, whether
 * nothing is saturated, the noisy webhook is, or its whole organization is.
 */
class ClaimPlanPostgresTest {

  private static final long NOW = Instant.parse("2026-06-01T12:00:00Z").toEpochMilli();
  private static final int BACKLOG = 20_000;
  // A claim of 200 (per organization 64, per webhook 32) may read a few times what it takes.
  private static final long BOUND = 1_000;

  private static PostgresTestDatabase db;
  private static PGSimpleDataSource dataSource;
  private static JdbcTemplate jdbc;

  @BeforeAll
  static void database() {
    db = PostgresTestDatabase.create();
    dataSource = ClaimPlans.migrated(db);
    jdbc = new JdbcTemplate(dataSource);
    for (String name : new String[] {"noisy", "quiet"}) {
      jdbc.update(
          "INSERT INTO organizations (id, name, plan, created_at, updated_at)"
              + " VALUES (?, ?, 'enterprise', 0, 0)",
          "org_" + name,
          name);
      jdbc.update(
          "INSERT INTO webhooks (id, org_id, url, secret, active, created_at, updated_at)"
              + " VALUES (?, ?, 'https://example.com/', 's', TRUE, 0, 0)",
          "webhook_" + name,
          "org_" + name);
    }
    // The noisy organization's backlog, all due and older than the quiet organization's event;
    // plus as many finished rows, as history.
    jdbc.update(
        "INSERT INTO events (id, org_id, org_name, type, data, occurred_at)"
            + " SELECT 'evt_n' || i, 'org_noisy', 'noisy', 'task.created', '{}', ? - i"
            + " FROM generate_series(1, ?) i",
        NOW,
        2 * BACKLOG);
    jdbc.update(
        "INSERT INTO deliveries (id, org_id, webhook_id, event_id, event_type, status, attempts,"
            + " next_attempt_at, created_at, updated_at)"
            + " SELECT 'delivery_n' || i, 'org_noisy', 'webhook_noisy', 'evt_n' || i,"
            + " 'task.created', CASE WHEN i <= ? THEN 'pending' ELSE 'succeeded' END, 0,"
            + " CASE WHEN i <= ? THEN ? - 10000 - i END, ? - i, ? - i"
            + " FROM generate_series(1, ?) i",
        BACKLOG,
        BACKLOG,
        NOW,
        NOW,
        NOW,
        2 * BACKLOG);
    jdbc.update(
        "INSERT INTO events (id, org_id, org_name, type, data, occurred_at)"
            + " VALUES ('evt_q', 'org_quiet', 'quiet', 'task.created', '{}', ?)",
        NOW - 1);
    jdbc.update(
        "INSERT INTO deliveries (id, org_id, webhook_id, event_id, event_type, status, attempts,"
            + " next_attempt_at, created_at, updated_at) VALUES ('delivery_q', 'org_quiet',"
            + " 'webhook_quiet', 'evt_q', 'task.created', 'pending', 0, ?, ?, ?)",
        NOW - 1,
        NOW - 1,
        NOW - 1);
    jdbc.execute("ANALYZE");
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

  private static JsonNode plan(DeliveryStore.ClaimRequest r) {
    return ClaimPlans.plan(dataSource, r, null);
  }

  private static String claimed(JsonNode plan) {
    return plan.toString();
  }

  @Test
  void with_nothing_saturated_the_claim_reads_the_oldest_due_rows_only() {
    JsonNode plan = plan(request(Set.of(), Set.of()));

    assertThat(plan.path("Actual Rows").asLong()).as("the noisy share: 64").isEqualTo(64);
    assertThat(ClaimPlans.deliveriesRowsRead(plan)).as(claimed(plan)).isLessThan(BOUND);
  }

  @Test
  void with_the_noisy_webhook_saturated_the_claim_does_not_walk_its_backlog() {
    JsonNode plan = plan(request(Set.of("webhook_noisy"), Set.of()));

    assertThat(plan.path("Actual Rows").asLong()).as("the quiet event").isEqualTo(1);
    assertThat(ClaimPlans.deliveriesRowsRead(plan)).as(claimed(plan)).isLessThan(BOUND);
  }

  @Test
  void with_the_noisy_organization_saturated_the_claim_does_not_walk_its_backlog() {
    JsonNode plan = plan(request(Set.of(), Set.of("org_noisy")));

    assertThat(plan.path("Actual Rows").asLong()).as("the quiet event").isEqualTo(1);
    assertThat(ClaimPlans.deliveriesRowsRead(plan)).as(claimed(plan)).isLessThan(BOUND);
  }
}
