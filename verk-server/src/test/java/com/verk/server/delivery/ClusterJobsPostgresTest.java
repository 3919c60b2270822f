package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.storage.DatabaseKind;
import com.verk.server.testing.PostgresTestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The engine's background work when every node of a cluster runs it against one PostgreSQL at the
 * same moment: claims (which are also the lease recovery) never hand one delivery to two nodes, and
 * the retention purge run by all nodes at once removes old history exactly as one run would.
 */
class ClusterJobsPostgresTest {

  private static final long NOW = Instant.parse("2026-06-01T12:00:00Z").toEpochMilli();
  private static final int NODES = 3;

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private static PostgresTestDatabase db;
  private static JdbcTemplate jdbc;

  @BeforeAll
  static void database() {
    db = PostgresTestDatabase.create();
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(db.url());
    dataSource.setUser(db.user());
    Flyway.configure()
        .dataSource(dataSource)
        .locations(DatabaseKind.POSTGRES.migrationLocation())
        .load()
        .migrate();
    jdbc = new JdbcTemplate(dataSource);
  }

  @AfterAll
  static void drop() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void nodes_claiming_at_once_take_every_due_delivery_exactly_once() throws Exception {
    String webhook = webhook("claims");
    List<String> due = insert(webhook, 3000, "pending", NOW - 1000, NOW - 1000);
    DeliveryStore claims = new DeliveryStore(jdbc, DatabaseKind.POSTGRES);

    List<List<String>> taken =
        concurrently(
            node ->
                () -> {
                  List<String> mine = new ArrayList<>();
                  List<String> batch;
                  do {
                    batch = claim(claims, node, NOW, NOW + 30_000, 50, Set.of());
                    mine.addAll(batch);
                  } while (!batch.isEmpty());
                  return mine;
                });

    List<String> all = taken.stream().flatMap(Collection::stream).toList();
    assertThat(all).hasSize(due.size()).containsExactlyInAnyOrderElementsOf(due);
    for (int n = 0; n < NODES; n++) {
      List<String> mine = taken.get(n);
      if (!mine.isEmpty()) {
        assertThat(
                jdbc.queryForObject(
                    "SELECT COUNT(*) FROM deliveries WHERE lease_owner = ? AND webhook_id = ?",
                    Long.class,
                    "node-" + n,
                    webhook))
            .isEqualTo(mine.size());
      }
    }
  }

  @Test
  void claims_past_a_saturated_webhook_take_every_other_due_delivery_once_and_none_of_its()
      throws Exception {
    String dead = webhook("saturated");
    List<String> backlog = insert(dead, 2000, "pending", NOW - 9000, NOW - 9000);
    List<String> due =
        new ArrayList<>(insert(webhook("first"), 300, "pending", NOW - 2000, NOW - 2000));
    due.addAll(insert(webhook("second"), 300, "pending", NOW - 1000, NOW - 1000));
    DeliveryStore claims = new DeliveryStore(jdbc, DatabaseKind.POSTGRES);

    // Oldest first across webhooks: the first webhook's rows are older than the second's.
    List<String> oldest = claim(claims, "node-a", NOW, NOW + 30_000, 10, Set.of(dead));
    assertThat(oldest).hasSize(10).allMatch(id -> id.startsWith("delivery_webhook_first_"));

    List<List<String>> taken =
        concurrently(
            node ->
                () -> {
                  List<String> mine = new ArrayList<>();
                  List<String> batch;
                  do {
                    batch = claim(claims, node, NOW, NOW + 30_000, 50, Set.of(dead));
                    mine.addAll(batch);
                  } while (!batch.isEmpty());
                  return mine;
                });

    List<String> all = new ArrayList<>(oldest);
    taken.forEach(all::addAll);
    assertThat(all).doesNotHaveDuplicates().containsAll(due).doesNotContainAnyElementsOf(backlog);
    // Leave no due rows behind for the other tests of this shared database.
    jdbc.update(
        "UPDATE deliveries SET status = 'failed', next_attempt_at = NULL WHERE webhook_id = ?",
        dead);
  }

  @Test
  void a_dead_nodes_expired_lease_is_taken_over_and_a_live_nodes_lease_is_not() {
    String webhook = webhook("leases");
    String expired = insert(webhook, 1, "pending", NOW - 60_000, NOW - 60_000).get(0);
    String live = insert(webhook, 1, "pending", NOW - 60_000, NOW - 60_000).get(0);
    jdbc.update(
        "UPDATE deliveries SET lease_owner = 'dead', lease_expires_at = ? WHERE id = ?",
        NOW - 1,
        expired);
    jdbc.update(
        "UPDATE deliveries SET lease_owner = 'alive', lease_expires_at = ? WHERE id = ?",
        NOW + 10_000,
        live);

    List<String> claimed =
        claim(
            new DeliveryStore(jdbc, DatabaseKind.POSTGRES),
            "node-x",
            NOW,
            NOW + 30_000,
            1000,
            Set.of());

    assertThat(claimed).contains(expired).doesNotContain(live);
    assertThat(
            jdbc.queryForObject(
                "SELECT lease_owner FROM deliveries WHERE id = ?", String.class, live))
        .isEqualTo("alive");
  }

  @Test
  void retention_run_by_every_node_at_once_purges_exactly_the_old_finished_history()
      throws Exception {
    String webhook = webhook("retention");
    long old = NOW - Duration.ofDays(31).toMillis();
    List<String> oldFinished = insert(webhook, 2500, "succeeded", old, old);
    jdbc.batchUpdate(
        "INSERT INTO delivery_attempts (id, delivery_id, webhook_id, number, attempted_at,"
            + " success) VALUES (?, ?, ?, 1, ?, TRUE)",
        oldFinished.stream().map(id -> new Object[] {"att_" + id, id, webhook, old}).toList());
    List<String> oldPending = insert(webhook, 5, "pending", old, NOW + 60_000);
    List<String> recent = insert(webhook, 5, "succeeded", NOW - 1000, NOW - 1000);
    Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

    List<Integer> purged =
        concurrently(
            node ->
                () ->
                    new Housekeeping(
                            jdbc,
                            new DeliveryStore(jdbc, DatabaseKind.POSTGRES),
                            clock,
                            Duration.ofDays(30),
                            new DeliveryMetrics(new SimpleMeterRegistry(), node, () -> 0))
                        .purge());

    Set<String> left =
        new HashSet<>(
            jdbc.queryForList(
                "SELECT id FROM deliveries WHERE webhook_id = ?", String.class, webhook));
    assertThat(left).containsExactlyInAnyOrderElementsOf(concat(oldPending, recent));
    assertThat(
            jdbc.queryForObject(
                "SELECT COUNT(*) FROM delivery_attempts WHERE webhook_id = ?", Long.class, webhook))
        .isZero();
    // Deliveries and their events, counted once between the nodes.
    assertThat(purged.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2 * oldFinished.size());
  }

  /** A claim without the per-organization cap (these rows share one organization). */
  private static List<String> claim(
      DeliveryStore store,
      String node,
      long now,
      long leaseUntil,
      int limit,
      Set<String> excludedWebhooks) {
    return store
        .claim(
            new DeliveryStore.ClaimRequest(
                node, now, leaseUntil, limit, 32, Integer.MAX_VALUE, excludedWebhooks, Set.of()))
        .stream()
        .map(DeliveryStore.Claimed::id)
        .toList();
  }

  private static <T> List<T> concurrently(java.util.function.Function<String, Callable<T>> work)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(NODES);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    try {
      for (int n = 0; n < NODES; n++) {
        Callable<T> job = work.apply("node-" + n);
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return job.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static String webhook(String name) {
    String org = "org_" + name;
    jdbc.update(
        "INSERT INTO organizations (id, name, plan, created_at, updated_at)"
            + " VALUES (?, ?, 'enterprise', ?, ?)",
        org,
        name,
        NOW,
        NOW);
    String id = "webhook_" + name;
    jdbc.update(
        "INSERT INTO webhooks (id, org_id, url, secret, active, created_at, updated_at)"
            + " VALUES (?, ?, 'https://example.com/', 's', TRUE, ?, ?)",
        id,
        org,
        NOW,
        NOW);
    return id;
  }

  /** {@code n} deliveries of one event each, created at {@code created}. */
  private static List<String> insert(
      String webhook, int n, String status, long created, long nextAttempt) {
    String org =
        jdbc.queryForObject("SELECT org_id FROM webhooks WHERE id = ?", String.class, webhook);
    List<String> ids = new ArrayList<>();
    List<Object[]> events = new ArrayList<>();
    List<Object[]> deliveries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String suffix = webhook + "_" + SEQUENCE.incrementAndGet();
      events.add(new Object[] {"evt_" + suffix, org, created});
      deliveries.add(
          new Object[] {
            "delivery_" + suffix,
            org,
            webhook,
            "evt_" + suffix,
            status,
            status.equals("pending") ? nextAttempt : null,
            created,
            created
          });
      ids.add("delivery_" + suffix);
    }
    jdbc.batchUpdate(
        "INSERT INTO events (id, org_id, org_name, type, data, occurred_at)"
            + " VALUES (?, ?, 'Org', 'task.created', '{}', ?)",
        events);
    jdbc.batchUpdate(
        "INSERT INTO deliveries (id, org_id, webhook_id, event_id, event_type, status, attempts,"
            + " next_attempt_at, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, 'task.created', ?, 0, ?, ?, ?)",
        deliveries);
    return ids;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
