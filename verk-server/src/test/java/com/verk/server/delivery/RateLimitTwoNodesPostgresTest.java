package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.alerts.Alerting;
import com.verk.server.events.EventPublisher;
import com.verk.server.events.EventType;
import com.verk.server.storage.DatabaseKind;
import com.verk.server.system.Ids;
import com.verk.server.system.VerkProperties;
import com.verk.server.testing.PostgresTestDatabase;
import com.verk.server.testing.Receiver;
import com.verk.server.webhooks.SecretCipher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two delivery engines (two nodes) running their own loops against one PostgreSQL, a real receiver,
 * and one webhook limited to 5 per second: together they deliver all 30 events, each once, both
 * take part, and the receiver never sees more than the limit allows in a second. Each node alone
 * would allow 5 per second: the shared bucket is what keeps the pair to 5.
 */
class RateLimitTwoNodesPostgresTest {

  private static final int RATE = 5;

  @Test
  void two_nodes_together_keep_a_webhook_to_its_limit() throws Exception {
    SecretCipher cipher = SecretCipher.of(new byte[32]);
    JsonMapper json = JsonMapper.builder().build();
    try (PostgresTestDatabase db = PostgresTestDatabase.create();
        Receiver receiver = new Receiver()) {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setUrl(db.url());
      ds.setUser(db.user());
      Flyway.configure()
          .dataSource(ds)
          .locations(DatabaseKind.POSTGRES.migrationLocation())
          .load()
          .migrate();
      JdbcTemplate jdbc = new JdbcTemplate(ds);
      String org = Ids.next("org");
      jdbc.update(
          "INSERT INTO organizations (id, name, plan, created_at, updated_at)"
              + " VALUES (?, 'Acme', 'pro', 0, 0)",
          org);
      String hook = Ids.next("webhook");
      jdbc.update(
          "INSERT INTO webhooks (id, org_id, url, secret, active, rate_limit, created_at,"
              + " updated_at) VALUES (?, ?, ?, ?, TRUE, ?, 0, 0)",
          hook,
          org,
          receiver.url("/limited"),
          cipher.seal("whsec-two-nodes"),
          RATE);
      jdbc.update(
          "INSERT INTO webhook_events (webhook_id, org_id, event_type) VALUES (?, ?, ?)",
          hook,
          org,
          EventType.TASK_CREATED.wireName());
      List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
      List<String> agents = Collections.synchronizedList(new ArrayList<>());
      receiver.respondWith(
          r -> {
            if (r.path().equals("/limited")) {
              arrivals.add(System.nanoTime() / 1_000_000);
              agents.add(r.header("User-Agent"));
            }
            return Receiver.Response.ok();
          });

      Map<String, String> values = new HashMap<>();
      values.put("verk.webhooks.allow-http", "true");
      values.put("verk.webhooks.allow-private-targets", "true");
      values.put("verk.database.url", db.url());
      values.put("verk.database.user", db.user());
      VerkProperties p =
          new Binder(new MapConfigurationPropertySource(values))
              .bindOrCreate("verk", VerkProperties.class);
      List<DeliveryEngine> engines = new ArrayList<>();
      try {
        for (String node : List.of("node-a", "node-b")) {
          HttpSender sender = new HttpSender(Duration.ofSeconds(5), true, node, 64);
          // Warmed up, so that a slow first request does not arrive together with later ones.
          sender.send(receiver.url("/warm-up"), Map.of(), new byte[] {'{', '}'}).get();
          DeliveryEngine engine =
              new DeliveryEngine(
                  ds,
                  ds,
                  Clock.systemUTC(),
                  json,
                  DatabaseKind.POSTGRES,
                  p.webhooks(),
                  p.retention(),
                  p.database(),
                  new SimpleMeterRegistry(),
                  node,
                  node,
                  cipher,
                  Alerting.withoutEmail(p.alerts()),
                  sender);
          engines.add(engine);
          engine.start();
        }
        EventPublisher publisher =
            new EventPublisher(ds, Clock.systemUTC(), json, engines.get(0).queue(), () -> {});
        TransactionTemplate tx = new TransactionTemplate(new JdbcTransactionManager(ds));
        for (int i = 0; i < 30; i++) {
          int n = i;
          tx.executeWithoutResult(
              s -> publisher.publish(org, EventType.TASK_CREATED, Map.of("n", n)));
        }

        for (int i = 0; i < 30; i++) {
          receiver.take(Duration.ofSeconds(20));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (jdbc.queryForObject(
                    "SELECT COUNT(*) FROM deliveries WHERE status = 'succeeded' AND attempts = 1",
                    Long.class)
                < 30
            && System.nanoTime() < deadline) {
          receiver.poll(Duration.ofMillis(100)); // waits for the recorders, on a queue
        }
      } finally {
        engines.forEach(DeliveryEngine::close);
      }

      assertThat(
              jdbc.queryForObject(
                  "SELECT COUNT(*) FROM deliveries WHERE status = 'succeeded' AND attempts = 1",
                  Long.class))
          .as("all delivered once, none waited into an attempt")
          .isEqualTo(30);
      assertThat(arrivals).hasSize(30);
      assertThat(agents).as("both nodes sent").contains("node-a", "node-b");
      List<Long> sorted = new ArrayList<>(arrivals);
      Collections.sort(sorted);
      int busiest = 0;
      for (int i = 0, j = 0; i < sorted.size(); i++) {
        while (sorted.get(i) - sorted.get(j) >= 1000) {
          j++;
        }
        busiest = Math.max(busiest, i - j + 1);
      }
      long t0 = sorted.get(0);
      System.out.printf(
          "Two nodes, limit %d/s: 30 requests over %d ms, busiest second %d (a %d, b %d) at %s%n",
          RATE,
          sorted.get(29) - t0,
          busiest,
          agents.stream().filter("node-a"::equals).count(),
          agents.stream().filter("node-b"::equals).count(),
          arrivals.stream().map(t -> t - t0).toList());
      // The limit (5) + one pass's burst (1) + 1 for the network and the nodes' scheduling.
      assertThat(busiest)
          .as("requests in any second, at %s", sorted.stream().map(t -> t - t0).toList())
          .isLessThanOrEqualTo(RATE + RateBuckets.burst(RATE) + 1);
    }
  }
}
