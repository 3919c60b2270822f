package com.verk.server.alerts;

import com.verk.server.events.EventPublisher;
import com.verk.server.storage.DatabaseKind;
import com.verk.server.system.Ids;
import com.verk.server.system.VerkProperties;
import com.verk.server.testing.MutableClock;
import com.verk.server.testing.PostgresTestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;
import org.sqlite.SQLiteDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A migrated database (a temporary SQLite file or a throwaway PostgreSQL database) with rows made
 * by hand, and alerts raised through the real {@link AlertRules} inside a transaction, as the
 * delivery engine's recorder does; plus {@link AlertMailer}s pointed at an SMTP port.
 */
final class AlertFixture implements AutoCloseable {

  static final String PUBLIC_URL = "https://verk.example.com";
  static final String SECRET = "whsec-never-in-an-email";

  final MutableClock clock = MutableClock.fixed(Instant.parse("2026-01-15T10:30:00Z"));
  final JsonMapper json = JsonMapper.builder().build();
  final VerkProperties.Alerts settings =
      new Binder(new MapConfigurationPropertySource(Map.of()))
          .bindOrCreate("verk", VerkProperties.class)
          .alerts();
  final DatabaseKind kind;
  private final DataSource dataSource;
  private final JdbcTemplate jdbc;
  private final Path dir;
  private final PostgresTestDatabase postgres;

  private AlertFixture(
      DatabaseKind kind, DataSource dataSource, Path dir, PostgresTestDatabase pg) {
    this.kind = kind;
    this.dataSource = dataSource;
    this.jdbc = new JdbcTemplate(dataSource);
    this.dir = dir;
    this.postgres = pg;
    Flyway.configure().dataSource(dataSource).locations(kind.migrationLocation()).load().migrate();
  }

  static AlertFixture sqlite() {
    try {
      Path dir = Files.createTempDirectory("verk-alerts");
      SQLiteDataSource sqlite = new SQLiteDataSource();
      sqlite.setUrl(
          "jdbc:sqlite:"
              + dir.resolve("verk.db")
              + "?journal_mode=WAL&busy_timeout=10000&foreign_keys=true"
              + "&transaction_mode=IMMEDIATE");
      return new AlertFixture(DatabaseKind.SQLITE, sqlite, dir, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static AlertFixture postgres() {
    PostgresTestDatabase db = PostgresTestDatabase.create();
    return new AlertFixture(DatabaseKind.POSTGRES, pgDataSource(db), null, db);
  }

  private static DataSource pgDataSource(PostgresTestDatabase db) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(db.url());
    ds.setUser(db.user());
    return ds;
  }

  /** Another connection source on the same database, as a second node has. */
  DataSource secondNode() {
    return postgres != null ? pgDataSource(postgres) : dataSource;
  }

  JdbcTemplate jdbc() {
    return jdbc;
  }

  String org(String name) {
    String id = Ids.next("org");
    jdbc.update(
        "INSERT INTO organizations (id, name, plan, created_at, updated_at) VALUES (?, ?, 'pro', ?, ?)",
        id,
        name,
        clock.millis(),
        clock.millis());
    return id;
  }

  void member(String org, String email, String role) {
    jdbc.update(
        "INSERT INTO members (id, org_id, email, name, role, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        Ids.next("user"),
        org,
        email,
        email,
        role,
        clock.millis(),
        clock.millis());
  }

  String webhook(String org, String url, String description) {
    String id = Ids.next("webhook");
    jdbc.update(
        "INSERT INTO webhooks (id, org_id, url, description, secret, active, created_at,"
            + " updated_at) VALUES (?, ?, ?, ?, ?, TRUE, ?, ?)",
        id,
        org,
        url,
        description,
        SECRET,
        clock.millis(),
        clock.millis());
    return id;
  }

  /** Records {@code n} failed attempts of one delivery, one a minute, ending now. */
  void failedAttempts(String org, String webhook, int n) {
    String event = Ids.next("evt");
    long start = clock.millis() - (n - 1) * 60_000L;
    jdbc.update(
        "INSERT INTO events (id, org_id, org_name, type, data, occurred_at)"
            + " VALUES (?, ?, 'Acme', 'task.created', '{}', ?)",
        event,
        org,
        start);
    String delivery = Ids.next("delivery");
    jdbc.update(
        "INSERT INTO deliveries (id, org_id, webhook_id, event_id, event_type, status, attempts,"
            + " next_attempt_at, first_attempt_at, last_attempt_at, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, 'task.created', 'pending', ?, ?, ?, ?, ?, ?)",
        delivery,
        org,
        webhook,
        event,
        n,
        clock.millis() + 3_600_000,
        start,
        clock.millis(),
        start,
        clock.millis());
    for (int i = 0; i < n; i++) {
      jdbc.update(
          "INSERT INTO delivery_attempts (id, delivery_id, webhook_id, number, attempted_at,"
              + " success, response_status, response_time_ms, error) VALUES (?, ?, ?, ?, ?, FALSE,"
              + " 500, 12, 'HTTP 500')",
          Ids.next("att"),
          delivery,
          webhook,
          i + 1,
          start + i * 60_000L);
    }
  }

  /** Runs the rule for a batch in which {@code webhook}'s delivery failed its n-th attempt. */
  void failing(String webhook, int n) {
    long now = clock.millis();
    inTransaction(
        rules ->
            rules.afterOutcomes(
                Map.of(),
                List.of(new AlertRules.Failure(webhook, n, now - (n - 1) * 60_000L, now)),
                List.of()));
  }

  void disabled(String webhook) {
    jdbc.update(
        "UPDATE webhooks SET active = FALSE, disabled_at = ?, disabled_reason = 'exhausted'"
            + " WHERE id = ?",
        clock.millis(),
        webhook);
    inTransaction(
        rules ->
            rules.afterOutcomes(
                Map.of(),
                List.of(),
                List.of(
                    new AlertRules.Disabled(
                        webhook, clock.millis(), "Disabled after 7 failed attempts"))));
  }

  void succeeded(String webhook) {
    jdbc.update(
        "UPDATE webhooks SET active = TRUE, last_success_at = ? WHERE id = ?",
        clock.millis(),
        webhook);
    inTransaction(
        rules -> rules.afterOutcomes(Map.of(webhook, clock.millis()), List.of(), List.of()));
  }

  private void inTransaction(java.util.function.Consumer<AlertRules> step) {
    EventPublisher publisher =
        new EventPublisher(dataSource, clock, json, (org, event, type, subs, now) -> {}, () -> {});
    AlertRules rules =
        new AlertRules(dataSource, json, new Alerting(settings, true, () -> {}), 6, publisher);
    new TransactionTemplate(new JdbcTransactionManager(dataSource))
        .executeWithoutResult(status -> step.accept(rules));
  }

  AlertMailer mailer(DataSource source, int smtpPort, String node) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(smtpPort);
    Properties props = new Properties();
    props.put("mail.smtp.connectiontimeout", "5000");
    props.put("mail.smtp.timeout", "5000");
    props.put("mail.smtp.writetimeout", "5000");
    sender.setJavaMailProperties(props);
    return new AlertMailer(
        source,
        kind,
        clock,
        sender,
        new AlertEmails(PUBLIC_URL),
        "Verk Alerts <alerts@verk.example.com>",
        settings,
        node,
        json);
  }

  AlertMailer mailer(int smtpPort) {
    return mailer(dataSource, smtpPort, "node-a");
  }

  long emails(String status) {
    Long n =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM alert_emails WHERE status = ?", Long.class, status);
    return n == null ? 0 : n;
  }

  void advance(Duration d) {
    clock.advance(d);
  }

  @Override
  public void close() {
    if (postgres != null) {
      postgres.close();
    }
    if (dir != null) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary folder left behind is harmless
      }
    }
  }
}
