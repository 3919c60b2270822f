package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.events.EventPublisher;
import com.verk.server.storage.DatabaseKind;
import com.verk.server.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The other nodes are woken by the database (migration V11): a committed insert of pending
 * deliveries sends one NOTIFY on the channel; a rolled-back one, a skipped delivery (disabled
 * webhook) and a Send Test delivery (leased by the node that sends it) send none.
 */
class NewDeliveriesNotifyPostgresTest {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private static PostgresTestDatabase db;
  private static PGSimpleDataSource dataSource;
  private static JdbcTemplate jdbc;
  private static TransactionTemplate tx;

  @BeforeAll
  static void database() {
    db = PostgresTestDatabase.create();
    dataSource = new PGSimpleDataSource();
    dataSource.setUrl(db.url());
    dataSource.setUser(db.user());
    Flyway.configure()
        .dataSource(dataSource)
        .locations(DatabaseKind.POSTGRES.migrationLocation())
        .load()
        .migrate();
    jdbc = new JdbcTemplate(dataSource);
    tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    jdbc.update(
        "INSERT INTO organizations (id, name, plan, created_at, updated_at)"
            + " VALUES ('org_n', 'N', 'enterprise', 0, 0)");
    jdbc.update(
        "INSERT INTO webhooks (id, org_id, url, secret, active, created_at, updated_at)"
            + " VALUES ('webhook_n', 'org_n', 'https://example.com/', 's', TRUE, 0, 0)");
  }

  @AfterAll
  static void drop() {
    if (db != null) {
      db.close();
    }
  }

  private static void insert(String status, boolean test) {
    String n = String.valueOf(SEQUENCE.incrementAndGet());
    jdbc.update(
        "INSERT INTO events (id, org_id, org_name, type, data, occurred_at)"
            + " VALUES (?, 'org_n', 'N', 'task.created', '{}', 0)",
        "evt_" + n);
    jdbc.update(
        "INSERT INTO deliveries (id, org_id, webhook_id, event_id, event_type, test, status,"
            + " attempts, next_attempt_at, created_at, updated_at)"
            + " VALUES (?, 'org_n', 'webhook_n', ?, 'task.created', ?, ?, 0, 0, 0, 0)",
        "delivery_" + n,
        "evt_" + n,
        test,
        status);
  }

  /** Notifications on the channel until one with {@code payload} arrives (at most 10 s). */
  private static List<String> until(Connection listener, String payload) throws Exception {
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      PGNotification[] batch = listener.unwrap(PGConnection.class).getNotifications(1_000);
      if (batch == null) {
        continue;
      }
      for (PGNotification n : batch) {
        seen.add(n.getParameter());
        if (n.getParameter().equals(payload)) {
          return seen;
        }
      }
    }
    throw new AssertionError("no notification '" + payload + "' within 10 s; saw " + seen);
  }

  private static void marker(String payload) {
    jdbc.queryForList("SELECT pg_notify(?, ?)::text", EventPublisher.CHANNEL, payload);
  }

  @Test
  void only_a_committed_insert_of_pending_deliveries_wakes_the_other_nodes() throws Exception {
    try (Connection listener = DriverManager.getConnection(db.url(), db.user(), null);
        Statement s = listener.createStatement()) {
      s.execute("LISTEN " + EventPublisher.CHANNEL);

      tx.executeWithoutResult(
          status -> {
            insert("pending", false);
            status.setRollbackOnly();
          });
      tx.executeWithoutResult(status -> insert("skipped", false));
      tx.executeWithoutResult(status -> insert("pending", true));
      marker("first");
      assertThat(until(listener, "first"))
          .as("rolled back, skipped and Send Test: nobody woken")
          .containsExactly("first");

      tx.executeWithoutResult(
          status -> {
            insert("pending", false);
            insert("pending", false);
          });
      marker("second");
      assertThat(until(listener, "second"))
          .as("one wake-up for the transaction, sent at its commit")
          .containsExactly("", "second");
    }
  }
}
