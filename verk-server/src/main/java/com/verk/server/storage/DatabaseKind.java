package com.verk.server.storage;

import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The two databases Verk runs on, and the one place for what differs between them: features call a
 * method here instead of testing which database it is (as Spring Modulith's {@code DatabaseType}
 * does). Migrations stay in one folder per database.
 */
public enum DatabaseKind {
  /** Embedded file, one node, zero setup. Writers are serialised (BEGIN IMMEDIATE). */
  SQLITE("sqlite") {
    @Override
    public void lockRows(JdbcClient jdbc, String select, Map<String, ?> params) {
      // Every write transaction already holds the database's single write lock.
    }

    @Override
    public void lockAcrossNodes(JdbcClient jdbc, long key) {
      // One process per data folder (DataDirLock): nobody to exclude.
    }

    @Override
    public String claimSkippingLocked(String select) {
      // One node, writers serialised: the UPDATE ... RETURNING around it is an atomic claim.
      return select;
    }

    @Override
    public String writeThenSelect(String write, String select) {
      return null; // no data-modifying WITH; in-process statements cost no round trip anyway
    }

    @Override
    public boolean insertsFromArrays() {
      return false; // no arrays; a JDBC batch of in-process statements is as cheap
    }

    @Override
    public String eachWebhooksDue(String due) {
      return "webhooks w JOIN deliveries d ON d.id IN ("
          + due.replace("SELECT x.id, x.next_attempt_at", "SELECT x.id")
          + ")";
    }
  },

  /** Shared server, any number of nodes. */
  POSTGRES("postgresql") {
    @Override
    public void lockRows(JdbcClient jdbc, String select, Map<String, ?> params) {
      jdbc.sql(select + " FOR UPDATE").params(params).query().listOfRows();
    }

    @Override
    public void lockAcrossNodes(JdbcClient jdbc, long key) {
      jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", key).query().listOfRows();
    }

    @Override
    public String writeThenSelect(String write, String select) {
      return "WITH written AS (" + write + ") " + select;
    }

    @Override
    public boolean insertsFromArrays() {
      return true;
    }

    @Override
    public String claimSkippingLocked(String select) {
      // SKIP LOCKED lets several nodes claim at once without waiting for each other. Rows locked
      // by a subquery but not chosen by the outer LIMIT are unlocked when the statement commits.
      return select + " FOR UPDATE SKIP LOCKED";
    }

    @Override
    public String eachWebhooksDue(String due) {
      // With "x.webhook_id = w.id" the planner treats webhook_id as a constant, drops it from the
      // ORDER BY and may walk deliveries_due (next_attempt_at) in order, filtering on webhook_id:
      // beside one saturated webhook's backlog (two webhooks, the statistics say half the rows
      // are any webhook's) it read the whole backlog to find the other webhook's row
      // (ClaimPlanPostgresTest). The same match as a closed range keeps webhook_id in the order,
      // which only deliveries_webhook_due (webhook_id, next_attempt_at) provides.
      String match = "x.webhook_id = w.id";
      String order = "ORDER BY x.next_attempt_at";
      if (!due.contains(match) || !due.contains(order)) {
        throw new IllegalArgumentException("not a per-webhook due query: " + due);
      }
      String ranged =
          due.replace(match, "x.webhook_id >= w.id AND x.webhook_id <= w.id")
              .replace(order, "ORDER BY x.webhook_id, x.next_attempt_at");
      return "webhooks w CROSS JOIN LATERAL (" + claimSkippingLocked(ranged) + ") d";
    }
  };

  private final String migrationFolder;

  DatabaseKind(String migrationFolder) {
    this.migrationFolder = migrationFolder;
  }

  /**
   * The PostgreSQL session of the delivery engine's pool ({@code verk-delivery}): custom plans per
   * execution (the claim's best plan depends on how the due rows are spread), commits that do not
   * wait for the WAL flush (everything the engine writes can be redone), and no bitmap scans,
   * because the claim must walk {@code deliveries_due} (or {@code deliveries_webhook_due}) in order
   * and stop at its limit. When the statistics lag a burst (100,000 deliveries queued in seconds,
   * before autovacuum's next analyze, as after an outage), the planner estimated ~20 due rows and
   * chose a bitmap scan of every due row plus a sort spilled to disk: 88 ms per claim of 64, a
   * backlog drained at ~1,100 deliveries/s (benchmark, 2026-11-30). The engine reads rows by key or
   * in index order only, so it never needs a bitmap scan ({@code
   * ClaimPlanStaleStatisticsPostgresTest}).
   */
  public static final String POSTGRES_ENGINE_SESSION =
      "SET plan_cache_mode = force_custom_plan; SET synchronous_commit = off;"
          + " SET enable_bitmapscan = off";

  /** Classpath location of this database's Flyway migrations. */
  public String migrationLocation() {
    return "classpath:db/migration/" + migrationFolder;
  }

  /**
   * Holds the rows {@code select} (named parameters) finds until the transaction ends, so that
   * concurrent writers of the same rows take turns.
   */
  public abstract void lockRows(JdbcClient jdbc, String select, Map<String, ?> params);

  /** Holds {@code key} until the transaction ends, against transactions of every node. */
  public abstract void lockAcrossNodes(JdbcClient jdbc, long key);

  /** {@code select} (rows to claim) so that concurrent claimers never take the same rows. */
  public abstract String claimSkippingLocked(String select);

  /**
   * One statement that runs {@code write} (an INSERT or UPDATE without RETURNING) and then answers
   * {@code select}, which does not read what {@code write} wrote; its parameters are the write's
   * then the select's. Saves a round trip on PostgreSQL; null where the two must run separately.
   */
  public abstract String writeThenSelect(String write, String select);

  /**
   * Whether many rows are inserted as one statement over arrays ({@code INSERT ... SELECT FROM
   * unnest(?::text[], ...)}): one statement instead of one per row where each is a round trip.
   */
  public abstract boolean insertsFromArrays();

  /**
   * A FROM clause joining each webhook {@code w} to its rows {@code d} chosen by {@code due}, a
   * subquery on {@code deliveries x} correlated to {@code w.id}, claimed as {@link
   * #claimSkippingLocked}.
   */
  public abstract String eachWebhooksDue(String due);
}
