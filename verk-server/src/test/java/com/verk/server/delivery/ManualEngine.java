package com.verk.server.delivery;

import com.verk.server.alerts.Alerting;
import com.verk.server.events.EventPublisher;
import com.verk.server.events.EventType;
import com.verk.server.storage.DatabaseKind;
import com.verk.server.system.Ids;
import com.verk.server.system.VerkProperties;
import com.verk.server.testing.FaultyDataSource;
import com.verk.server.testing.MutableClock;
import com.verk.server.webhooks.SecretCipher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.sqlite.SQLiteDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The delivery engine built with {@code new} on a fresh SQLite file and a fixed clock, driven one
 * step at a time the way db-scheduler's {@code ManualScheduler} drives its loop: {@link
 * #dispatch()} claims and starts requests, {@link #awaitSent} waits (on a condition, not a sleep)
 * until their outcomes are queued, {@link #record()} writes them. No engine thread runs, so a test
 * sees every intermediate state, and the database can fail on command ({@link #faults()}).
 */
final class ManualEngine implements AutoCloseable {

  static final String NODE = "node-manual";
  static final String SECRET = "whsec-manual-test";

  private final Path dir;
  private final MutableClock clock = MutableClock.fixed(Instant.parse("2026-01-15T10:30:00Z"));
  private final FaultyDataSource db;
  private final JdbcTemplate jdbc;
  private final DeliveryEngine engine;
  private final EventPublisher publisher;
  private final TransactionTemplate tx;
  // Secrets are stored sealed, as in production, and the engine must reveal them to sign.
  private final SecretCipher cipher = SecretCipher.of(new byte[32]);
  private final java.util.concurrent.atomic.AtomicInteger mailerWakeups =
      new java.util.concurrent.atomic.AtomicInteger();

  ManualEngine(Transport transport, Map<String, String> settings) {
    this(transport, settings, false);
  }

  /**
   * @param settings {@code verk.webhooks.*} settings by their property names (e.g. {@code
   *     max-in-flight-per-org}), over the defaults; {@code alerts.*} ones are {@code verk.alerts.*}
   * @param emails whether alerts queue emails (as with a mail server configured)
   */
  ManualEngine(Transport transport, Map<String, String> settings, boolean emails) {
    try {
      dir = Files.createTempDirectory("verk-manual-engine");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl(
        "jdbc:sqlite:"
            + dir.resolve("verk.db")
            + "?journal_mode=WAL&busy_timeout=10000&foreign_keys=true&transaction_mode=IMMEDIATE");
    Flyway.configure()
        .dataSource(sqlite)
        .locations(DatabaseKind.SQLITE.migrationLocation())
        .load()
        .migrate();
    db = new FaultyDataSource(sqlite);
    jdbc = new JdbcTemplate(sqlite);
    tx = new TransactionTemplate(new JdbcTransactionManager(db));
    Map<String, String> values = new HashMap<>();
    settings.forEach(
        (k, v) -> values.put(k.startsWith("alerts.") ? "verk." + k : "verk.webhooks." + k, v));
    VerkProperties properties =
        new Binder(new MapConfigurationPropertySource(values))
            .bindOrCreate("verk", VerkProperties.class);
    JsonMapper json = JsonMapper.builder().build();
    engine =
        new DeliveryEngine(
            db,
            db,
            clock,
            json,
            DatabaseKind.SQLITE,
            properties.webhooks(),
            properties.retention(),
            properties.database(),
            new SimpleMeterRegistry(),
            "Verk-Webhooks/test",
            NODE,
            cipher,
            emails
                ? new Alerting(properties.alerts(), true, mailerWakeups::incrementAndGet)
                : Alerting.withoutEmail(properties.alerts()),
            transport);
    publisher = new EventPublisher(db, clock, json, engine.queue(), () -> {});
  }

  /** How often the alert rule woke the mail sender after a commit that queued emails. */
  int mailerWakeups() {
    return mailerWakeups.get();
  }

  FaultyDataSource faults() {
    return db;
  }

  MutableClock clock() {
    return clock;
  }

  DeliveryEngine engine() {
    return engine;
  }

  JdbcTemplate jdbc() {
    return jdbc;
  }

  String org(String name) {
    String id = Ids.next("org");
    long now = clock.millis();
    jdbc.update(
        "INSERT INTO organizations (id, name, plan, created_at, updated_at) VALUES (?, ?, 'pro', ?, ?)",
        id,
        name,
        now,
        now);
    return id;
  }

  String webhook(String orgId, String url, EventType... events) {
    String id = Ids.next("webhook");
    long now = clock.millis();
    jdbc.update(
        "INSERT INTO webhooks (id, org_id, url, secret, active, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, TRUE, ?, ?)",
        id,
        orgId,
        url,
        cipher.seal(SECRET),
        now,
        now);
    for (EventType type : events) {
      jdbc.update(
          "INSERT INTO webhook_events (webhook_id, org_id, event_type) VALUES (?, ?, ?)",
          id,
          orgId,
          type.wireName());
    }
    return id;
  }

  /** Publishes like a domain change does; returns the ids of the deliveries it queued. */
  List<String> publish(String orgId, EventType type) {
    String event =
        tx.execute(status -> publisher.publish(orgId, type, Map.of("id", "task_1")).eventId());
    return jdbc.queryForList(
        "SELECT id FROM deliveries WHERE event_id = ? ORDER BY id", String.class, event);
  }

  /** One dispatcher pass: claim, load, start. */
  int dispatch() {
    return engine.dispatcher().dispatch();
  }

  /** Whether the dispatcher's loop would start its next pass at once (and forgets it). */
  boolean takeWakeUp() {
    return engine.dispatcher().takeWakeUp();
  }

  /**
   * Waits until {@code n} outcomes are queued for the recorder (each attempt ends by its deadline).
   */
  void awaitSent(int n) {
    try {
      if (!engine.recorder().awaitQueued(n, Duration.ofSeconds(15))) {
        throw new AssertionError(
            "expected " + n + " finished attempts, have " + engine.recorder().backlog());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Records every queued outcome. */
  int record() {
    return engine.recorder().drain();
  }

  Holdings.Snapshot held() {
    return engine.dispatcher().holdings().snapshot();
  }

  Map<String, Object> delivery(String id) {
    return jdbc.queryForMap("SELECT * FROM deliveries WHERE id = ?", id);
  }

  long attempts(String deliveryId) {
    Long n =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM delivery_attempts WHERE delivery_id = ?", Long.class, deliveryId);
    return n == null ? 0 : n;
  }

  void advance(Duration duration) {
    clock.advance(duration);
  }

  @Override
  public void close() {
    engine.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
