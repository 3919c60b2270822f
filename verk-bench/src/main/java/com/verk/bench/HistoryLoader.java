package com.verk.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Writes delivery history straight into the server's database (after the server migrated it, while
 * it is stopped): finished deliveries with one attempt each and their events, made by SQL in the
 * database itself ({@code generate_series} on PostgreSQL, a recursive CTE on SQLite), so that
 * millions of rows take seconds, not the hours the API would. The rows look like what the engine
 * leaves behind: {@code webhooks.size()} deliveries per event, 1 in 37 failed after 7 attempts, the
 * rest succeeded at the first, {@code created_at} spread evenly from {@code fromMillis} to {@code
 * toMillis}, in that order.
 */
final class HistoryLoader {

  private HistoryLoader() {}

  /** Deliveries per statement (and per transaction): progress is printed after each. */
  static final long CHUNK = 500_000;

  /** 1 in this many deliveries is failed. */
  static final int FAILED_EVERY = 37;

  /** What was written, how fast, and the database's size afterwards (bytes, all tables). */
  record Loaded(long deliveries, double seconds, double vacuumSeconds, long databaseBytes) {
    double rowsPerSecond() {
      return deliveries / Math.max(seconds, 1e-9);
    }
  }

  private static final String HEADERS =
      "'{\"Content-Type\":\"application/json\",\"User-Agent\":\"Verk-Webhooks/1.0\","
          + "\"X-Verk-Event\":\"task.created\",\"X-Verk-Signature\":\"t=1700000000,v1="
          + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"}'";

  static Loaded load(
      String jdbcUrl,
      boolean postgres,
      List<String> webhooks,
      long deliveries,
      long fromMillis,
      long toMillis) {
    int w = webhooks.size();
    long events = (deliveries + w - 1) / w;
    long step = Math.max(1, (toMillis - fromMillis) / Math.max(1, events));
    long started = System.nanoTime();
    try (Connection c =
        postgres
            ? DriverManager.getConnection(jdbcUrl, "postgres", "")
            : DriverManager.getConnection(jdbcUrl)) {
      String org;
      try (PreparedStatement ps = c.prepareStatement("SELECT org_id FROM webhooks WHERE id = ?")) {
        ps.setString(1, webhooks.get(0));
        try (var rs = ps.executeQuery()) {
          rs.next();
          org = rs.getString(1);
        }
      }
      try (Statement s = c.createStatement()) {
        if (postgres) {
          // consistent by construction: skip the per-row foreign key triggers while loading
          s.execute("SET session_replication_role = replica");
          s.execute("SET synchronous_commit = off");
        } else {
          s.execute("PRAGMA synchronous = OFF");
          s.execute("PRAGMA foreign_keys = OFF");
        }
        s.execute("CREATE TEMP TABLE hist_webhooks (n INTEGER PRIMARY KEY, id TEXT NOT NULL)");
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO hist_webhooks (n, id) VALUES (?, ?)")) {
        for (int i = 0; i < w; i++) {
          ps.setInt(1, i);
          ps.setString(2, webhooks.get(i));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.setAutoCommit(false);
      for (long lo = 0; lo < deliveries; lo += CHUNK) {
        long hi = Math.min(deliveries, lo + CHUNK) - 1;
        long t = System.nanoTime();
        chunk(c, postgres, org, w, lo, hi, fromMillis, step);
        c.commit();
        double s = (System.nanoTime() - t) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "    history loader: %,d of %,d deliveries (+ attempts, events) in %.1f s, %,.0f"
                + " deliveries/s; %s%n",
            hi + 1,
            deliveries,
            (System.nanoTime() - started) / 1e9,
            (hi - lo + 1) / s,
            Machine.loadNow());
      }
      c.setAutoCommit(true);
      double loadSeconds = (System.nanoTime() - started) / 1e9;
      long v = System.nanoTime();
      try (Statement s = c.createStatement()) {
        if (postgres) {
          // what autovacuum would have done over the weeks this history took to build
          s.execute("VACUUM ANALYZE events");
          s.execute("VACUUM ANALYZE deliveries");
          s.execute("VACUUM ANALYZE delivery_attempts");
        } else {
          s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
      }
      double vacuumSeconds = (System.nanoTime() - v) / 1e9;
      long bytes;
      try (Statement s = c.createStatement();
          var rs =
              s.executeQuery(
                  postgres
                      ? "SELECT pg_database_size(current_database())"
                      : "SELECT page_count * page_size FROM pragma_page_count(),"
                          + " pragma_page_size()")) {
        rs.next();
        bytes = rs.getLong(1);
      }
      return new Loaded(deliveries, loadSeconds, vacuumSeconds, bytes);
    } catch (SQLException e) {
      throw new IllegalStateException("history loader failed: " + e, e);
    }
  }

  private static void chunk(
      Connection c, boolean pg, String org, int w, long lo, long hi, long from, long step)
      throws SQLException {
    long eventLo = lo / w;
    long eventHi = hi / w;
    String series =
        pg
            ? "generate_series(?::bigint, ?::bigint) AS s(g)"
            : "(WITH RECURSIVE r(g) AS (SELECT ? UNION ALL SELECT g + 1 FROM r WHERE g < ?)"
                + " SELECT g FROM r) AS s";
    String eventId = pg ? "'event_h' || lpad(%s::text, 12, '0')" : "printf('event_h%%012d', %s)";
    String deliveryId =
        pg ? "'delivery_h' || lpad(%s::text, 12, '0')" : "printf('delivery_h%%012d', %s)";
    String attemptId =
        pg ? "'attempt_h' || lpad(%s::text, 12, '0')" : "printf('attempt_h%%012d', %s)";
    String no = pg ? "FALSE" : "0";
    // events: those whose first delivery is in this chunk
    long firstEvent = (lo % w == 0) ? eventLo : eventLo + 1;
    if (firstEvent <= eventHi) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO events (id, org_id, org_name, type, data, occurred_at) SELECT "
                  + eventId.formatted("s.g")
                  + ", ?, 'Bench history', 'task.created',"
                  + " '{\"id\":\"task_history\",\"title\":\"history\"}', ? + s.g * ? FROM "
                  + series)) {
        ps.setString(1, org);
        ps.setLong(2, from);
        ps.setLong(3, step);
        ps.setLong(4, firstEvent);
        ps.setLong(5, eventHi);
        ps.executeUpdate();
      }
    }
    String failed = "s.g % " + FAILED_EVERY + " = 0";
    String created = "(? + (s.g / " + w + ") * ?)";
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO deliveries (id, org_id, webhook_id, event_id, event_type, test, status,"
                + " attempts, next_attempt_at, first_attempt_at, last_attempt_at, response_status,"
                + " response_time_ms, last_error, created_at, updated_at) SELECT "
                + deliveryId.formatted("s.g")
                + ", ?, w.id, "
                + eventId.formatted("(s.g / " + w + ")")
                + ", 'task.created', "
                + no
                + ", CASE WHEN "
                + failed
                + " THEN 'failed' ELSE 'succeeded' END, CASE WHEN "
                + failed
                + " THEN 7 ELSE 1 END, NULL, "
                + created
                + " + 5, "
                + created
                + " + 5, CASE WHEN "
                + failed
                + " THEN 500 ELSE 200 END, 12, CASE WHEN "
                + failed
                + " THEN 'HTTP 500' ELSE NULL END, "
                + created
                + ", "
                + created
                + " + 5 FROM "
                + series
                + " JOIN hist_webhooks w ON w.n = s.g % "
                + w)) {
      int i = 1;
      ps.setString(i++, org);
      for (int k = 0; k < 4; k++) {
        ps.setLong(i++, from);
        ps.setLong(i++, step);
      }
      ps.setLong(i++, lo);
      ps.setLong(i, hi);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO delivery_attempts (id, delivery_id, webhook_id, number, attempted_at,"
                + " success, response_status, response_time_ms, error, response_body,"
                + " request_headers) SELECT "
                + attemptId.formatted("s.g")
                + ", "
                + deliveryId.formatted("s.g")
                + ", w.id, 1, "
                + created
                + " + 5, CASE WHEN "
                + failed
                + " THEN "
                + no
                + " ELSE "
                + (pg ? "TRUE" : "1")
                + " END, CASE WHEN "
                + failed
                + " THEN 500 ELSE 200 END, 12, NULL, '', "
                + HEADERS
                + " FROM "
                + series
                + " JOIN hist_webhooks w ON w.n = s.g % "
                + w)) {
      int i = 1;
      ps.setLong(i++, from);
      ps.setLong(i++, step);
      ps.setLong(i++, lo);
      ps.setLong(i, hi);
      ps.executeUpdate();
    }
  }
}
