package com.verk.server.alerts;

import com.verk.server.storage.DatabaseKind;
import com.verk.server.system.VerkProperties;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the queued alert emails. Each node claims due emails with a lease, like deliveries (on
 * PostgreSQL with {@code FOR UPDATE SKIP LOCKED}), so two nodes never send the same one; an email
 * whose send failed is tried again on {@code verk.alerts.email-retry-schedule}; a node that dies
 * mid-send leaves a lease that expires, and the email is sent by whoever claims it next. Plain
 * Java: a test drives it with {@link #sendDue()}.
 */
final class AlertMailer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AlertMailer.class);
  private static final int BATCH = 20;
  private static final int MAX_ERROR = 1000;

  private record Due(String id, String alertId, String recipient, int attempts) {}

  private final JdbcTemplate jdbc;
  private final DatabaseKind kind;
  private final Clock clock;
  private final JavaMailSender sender;
  private final AlertEmails emails;
  private final String from;
  private final VerkProperties.Alerts settings;
  private final String owner;
  private final JsonMapper json;
  private final Semaphore wakeups = new Semaphore(0);
  private volatile boolean running;
  private Thread thread;

  AlertMailer(
      DataSource dataSource,
      DatabaseKind kind,
      Clock clock,
      JavaMailSender sender,
      AlertEmails emails,
      String from,
      VerkProperties.Alerts settings,
      String node,
      JsonMapper json) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.kind = kind;
    this.clock = clock;
    this.sender = sender;
    this.emails = emails;
    this.from = from;
    this.settings = settings;
    this.owner = node + "/mail";
    this.json = json;
  }

  /** Claims the due emails, sends each, records the outcome; returns how many were claimed. */
  int sendDue() {
    List<Due> due = claim();
    for (Due email : due) {
      send(email);
    }
    return due.size();
  }

  private List<Due> claim() {
    long now = clock.millis();
    return jdbc.query(
        """
        UPDATE alert_emails SET lease_owner = ?, lease_expires_at = ?
        WHERE id IN (SELECT id FROM alert_emails WHERE status = 'pending' AND next_attempt_at <= ?
          AND (lease_expires_at IS NULL OR lease_expires_at <= ?)
          ORDER BY next_attempt_at, id LIMIT ?"""
            + lockClause()
            + """
            )
            RETURNING id, alert_id, recipient, attempts""",
        (rs, n) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)),
        owner,
        now + settings.emailLease().toMillis(),
        now,
        now,
        BATCH);
  }

  /** PostgreSQL: nodes claiming at once skip each other's rows; SQLite has one writer anyway. */
  private String lockClause() {
    return switch (kind) {
      case POSTGRES -> " FOR UPDATE SKIP LOCKED";
      case SQLITE -> "";
    };
  }

  private void send(Due email) {
    try {
      AlertEmails.Rendered rendered = emails.render(load(email.alertId()));
      MimeMessage message = sender.createMimeMessage();
      MimeMessageHelper helper =
          new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
      helper.setFrom(from);
      helper.setTo(email.recipient());
      helper.setSubject(rendered.subject());
      helper.setText(rendered.text(), rendered.html());
      sender.send(message);
    } catch (RuntimeException | jakarta.mail.MessagingException e) {
      failed(email, e);
      return;
    }
    jdbc.update(
        "UPDATE alert_emails SET status = 'sent', sent_at = ?, attempts = attempts + 1,"
            + " lease_owner = NULL, lease_expires_at = NULL, last_error = NULL"
            + " WHERE id = ? AND lease_owner = ?",
        clock.millis(),
        email.id(),
        owner);
  }

  private void failed(Due email, Exception e) {
    int attempts = email.attempts() + 1;
    List<Duration> schedule = settings.emailRetrySchedule();
    String error = e.getClass().getSimpleName() + ": " + e.getMessage();
    if (error.length() > MAX_ERROR) {
      error = error.substring(0, MAX_ERROR);
    }
    long now = clock.millis();
    if (attempts > schedule.size()) {
      log.error(
          "Alert email {} to {} failed {} times; giving up: {}",
          email.id(),
          email.recipient(),
          attempts,
          error);
      jdbc.update(
          "UPDATE alert_emails SET status = 'failed', attempts = ?, last_error = ?,"
              + " lease_owner = NULL, lease_expires_at = NULL WHERE id = ? AND lease_owner = ?",
          attempts,
          error,
          email.id(),
          owner);
      return;
    }
    Duration delay = schedule.get(attempts - 1);
    log.warn(
        "Alert email {} to {} not sent (try {}), retrying in {}: {}",
        email.id(),
        email.recipient(),
        attempts,
        delay,
        error);
    jdbc.update(
        "UPDATE alert_emails SET attempts = ?, next_attempt_at = ?, last_error = ?,"
            + " lease_owner = NULL, lease_expires_at = NULL WHERE id = ? AND lease_owner = ?",
        attempts,
        now + delay.toMillis(),
        error,
        email.id(),
        owner);
  }

  private AlertEmails.Alert load(String alertId) {
    return jdbc.queryForObject(
        "SELECT a.kind, o.name, a.webhook_id, a.webhook_url, a.webhook_description, a.reason,"
            + " a.created_at, a.details FROM alerts a JOIN organizations o ON o.id = a.org_id"
            + " WHERE a.id = ?",
        (rs, n) ->
            new AlertEmails.Alert(
                AlertKind.of(rs.getString(1)),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getLong(7),
                json.readValue(rs.getString(8), AlertDetails.class).lastErrors()),
        alertId);
  }

  /** Sends at once instead of at the next poll; after a commit that queued emails. */
  void wake() {
    wakeups.release();
  }

  synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "verk-alert-mailer");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      try {
        while (running && sendDue() > 0) {
          // a full batch may have more behind it
        }
      } catch (RuntimeException e) {
        log.error("Sending alert emails failed; continuing", e);
      }
      try {
        wakeups.tryAcquire(settings.emailPollInterval().toMillis(), TimeUnit.MILLISECONDS);
        wakeups.drainPermits();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    wakeups.release();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
