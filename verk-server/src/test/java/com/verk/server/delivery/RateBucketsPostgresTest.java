package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.storage.DatabaseKind;
import com.verk.server.testing.PostgresTestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rate limit is the cluster's, not each node's: three nodes (three {@link RateBuckets} on their
 * own connections) take sends for one webhook at the same moment, against one PostgreSQL, with a
 * shared logical clock. Together they stay within the limit plus one burst in every second, and
 * together they reach it (the row lock serialises them; without it they would read the same state
 * and grant the same sends twice).
 */
class RateBucketsPostgresTest {

  private static final long START = Instant.parse("2026-06-01T12:00:00Z").toEpochMilli();
  private static final int NODES = 3;
  private static final int RATE = 50;

  private static PostgresTestDatabase db;
  private static PGSimpleDataSource dataSource;

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
  }

  @AfterAll
  static void drop() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void nodes_taking_sends_at_once_share_one_limit() throws Exception {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.update(
        "INSERT INTO organizations (id, name, plan, created_at, updated_at)"
            + " VALUES ('org_rate', 'Rate', 'pro', 0, 0)");
    jdbc.update(
        "INSERT INTO webhooks (id, org_id, url, secret, active, rate_limit, created_at,"
            + " updated_at) VALUES ('webhook_rate', 'org_rate', 'https://x.example', 's', TRUE,"
            + " ?, 0, 0)",
        RATE);
    AtomicLong clock = new AtomicLong(START);
    long end = START + 3_000;
    List<Long> sends = Collections.synchronizedList(new ArrayList<>());
    List<Integer> perNode = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(NODES);
    try {
      List<Future<?>> nodes = new ArrayList<>();
      for (int n = 0; n < NODES; n++) {
        int node = n;
        nodes.add(
            pool.submit(
                () -> {
                  RateBuckets buckets = new RateBuckets(dataSource, DatabaseKind.POSTGRES);
                  Random random = new Random(node);
                  int mine = 0;
                  go.await();
                  for (long now = clock.get();
                      now < end;
                      now = clock.addAndGet(random.nextInt(6))) {
                    RateBuckets.Grant grant =
                        buckets
                            .acquire(
                                Map.of(
                                    "webhook_rate",
                                    new RateBuckets.Want(RATE, 1 + random.nextInt(5))),
                                now)
                            .get("webhook_rate");
                    for (int i = 0; i < grant.granted(); i++) {
                      sends.add(now);
                    }
                    mine += grant.granted();
                  }
                  perNode.add(mine);
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : nodes) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    List<Long> sorted = new ArrayList<>(sends);
    Collections.sort(sorted);
    int limit = RATE + RateBuckets.burst(RATE);
    int busiest = 0;
    for (int i = 0, j = 0; i < sorted.size(); i++) {
      while (sorted.get(i) - sorted.get(j) >= 1000) {
        j++;
      }
      busiest = Math.max(busiest, i - j + 1);
    }
    System.out.printf(
        "Cluster rate limit %d/s over 3 s: %d sends by %s, busiest second %d%n",
        RATE, sorted.size(), perNode, busiest);
    assertThat(busiest).as("sends in any second, all nodes together").isLessThanOrEqualTo(limit);
    assertThat(sorted.size()).as("3 s of demand").isGreaterThanOrEqualTo(RATE * 3 * 9 / 10);
    assertThat(perNode).hasSize(NODES).allMatch(n -> n > 0);
  }
}
