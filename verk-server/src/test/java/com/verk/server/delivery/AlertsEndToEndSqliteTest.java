package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.verk.server.alerts.Alerting;
import com.verk.server.events.EventPublisher;
import com.verk.server.events.EventType;
import com.verk.server.system.Ids;
import com.verk.server.testing.Api;
import com.verk.server.testing.Receiver;
import com.verk.server.testing.SqliteServerTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The real server with a mail server (GreenMail on a free port): a failing webhook's alerts arrive
 * by email at the organization's owner, and as operational events at another webhook, signed as the
 * spec says; the failing webhook itself receives none.
 */
class AlertsEndToEndSqliteTest extends SqliteServerTest {

  private static final GreenMail SMTP = startSmtp();
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Autowired DataSource dataSource;
  @Autowired EventPublisher publisher;
  @Autowired Dispatcher dispatcher;
  @Autowired Alerting alerting;

  private static GreenMail startSmtp() {
    GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    return smtp;
  }

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    registry.add("verk.mail.from", () -> "alerts@verk.example.com");
    registry.add("verk.public-url", () -> "https://verk.example.com");
    registry.add("verk.webhooks.retry-schedule", () -> "1m,1m");
  }

  @AfterAll
  static void stopSmtp() {
    SMTP.stop();
  }

  @Test
  void a_failing_then_disabled_webhook_is_emailed_once_each_and_announced_to_another_webhook()
      throws Exception {
    assertThat(alerting.emails()).isTrue();
    Tenant tenant = newTenant("pro");
    DeliveryFixtures f = new DeliveryFixtures(dataSource, publisher, dispatcher, clock);
    String owner = "owner-" + Ids.random(6).toLowerCase() + "@acme.test";
    f.jdbc()
        .update(
            "INSERT INTO members (id, org_id, email, name, role, created_at, updated_at)"
                + " VALUES (?, ?, ?, 'Owner', 'owner', ?, ?)",
            Ids.next("user"),
            tenant.orgId(),
            owner,
            clock.millis(),
            clock.millis());
    try (Receiver receiver = new Receiver()) {
      String secret = "ops_webhook_secret_123";
      String down =
          f.webhook(
              tenant.orgId(),
              "http://127.0.0.1:1/down",
              "down_secret_1234567",
              EventType.TASK_CREATED,
              EventType.WEBHOOK_FAILING,
              EventType.WEBHOOK_DISABLED);
      String watcher =
          f.webhook(
              tenant.orgId(),
              receiver.url("/ops"),
              secret,
              EventType.WEBHOOK_FAILING,
              EventType.WEBHOOK_DISABLED);
      String delivery =
          f.deliveryOf(f.publish(tenant.orgId(), EventType.TASK_CREATED, Map.of("n", 1)), down);
      f.awaitDelivery(delivery, r -> DeliveryFixtures.number(r.get("attempts")) == 1);
      clock.advance(Duration.ofMinutes(1));
      f.wake();

      Receiver.Request failing = receiver.take(WAIT);
      assertThat(failing.header("X-Verk-Event")).isEqualTo("webhook.failing");
      assertThat(failing.header("X-Verk-Signature"))
          .isEqualTo(Hmac.spec(secret, failing.bodyText()));
      JsonNode body = Api.JSON.readTree(failing.bodyText());
      assertThat(body.path("webhookId").asString()).isEqualTo(watcher);
      assertThat(body.path("data").path("webhookId").asString()).isEqualTo(down);
      assertThat(body.path("data").path("url").asString()).isEqualTo("http://127.0.0.1:1/down");
      assertThat(body.path("data").path("failedAttempts").asInt()).isEqualTo(2);
      assertThat(body.path("organization").path("id").asString()).isEqualTo(tenant.orgId());

      awaitEmailsTo(owner, 1);
      MimeMessage mail = lastTo(owner);
      assertThat(mail.getSubject()).isEqualTo("[Verk] Webhook is failing: http://127.0.0.1:1/down");
      assertThat(GreenMailUtil.getWholeMessage(mail))
          .contains("verk.example.com/settings/integrations/webhooks/" + down)
          .doesNotContain("down_secret_1234567");

      clock.advance(Duration.ofMinutes(1));
      f.wake();
      Receiver.Request disabled = receiver.take(WAIT);
      assertThat(disabled.header("X-Verk-Event")).isEqualTo("webhook.disabled");
      assertThat(disabled.header("X-Verk-Signature"))
          .isEqualTo(Hmac.spec(secret, disabled.bodyText()));
      awaitEmailsTo(owner, 2);
      assertThat(subjectsTo(owner))
          .containsExactlyInAnyOrder(
              "[Verk] Webhook is failing: http://127.0.0.1:1/down",
              "[Verk] Webhook was disabled: http://127.0.0.1:1/down");
      assertThat(
              f.jdbc()
                  .queryForObject(
                      "SELECT COUNT(*) FROM deliveries WHERE webhook_id = ? AND event_type LIKE"
                          + " 'webhook.%'",
                      Long.class, down))
          .as("the failing webhook receives no event about itself")
          .isZero();
      // The sender marks an email sent right after the mail server accepted it.
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (sentTo(f, owner) < 2) {
        assertThat(System.nanoTime()).as("both emails marked sent").isLessThan(deadline);
        Thread.sleep(20); // polling the row with a deadline
      }
      assertThat(
              f.jdbc()
                  .queryForObject(
                      "SELECT COUNT(*) FROM alert_emails WHERE recipient = ?", Long.class, owner))
          .as("one email per alert, nothing queued twice")
          .isEqualTo(2);
    }
  }

  private static long sentTo(DeliveryFixtures f, String recipient) {
    Long n =
        f.jdbc()
            .queryForObject(
                "SELECT COUNT(*) FROM alert_emails WHERE recipient = ? AND status = 'sent'",
                Long.class,
                recipient);
    return n == null ? 0 : n;
  }

  /** Waits (on GreenMail's own signal, with a deadline) until {@code n} emails reached him. */
  private static void awaitEmailsTo(String recipient, int n) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (subjectsTo(recipient).size() < n) {
      assertThat(System.nanoTime()).as("%d emails to %s", n, recipient).isLessThan(deadline);
      SMTP.waitForIncomingEmail(500, SMTP.getReceivedMessages().length + 1);
    }
  }

  private static java.util.List<String> subjectsTo(String recipient) throws Exception {
    java.util.List<String> subjects = new java.util.ArrayList<>();
    for (MimeMessage m : SMTP.getReceivedMessages()) {
      if (m.getRecipients(Message.RecipientType.TO)[0].toString().equals(recipient)) {
        subjects.add(m.getSubject());
      }
    }
    return subjects;
  }

  private static MimeMessage lastTo(String recipient) throws Exception {
    MimeMessage last = null;
    for (MimeMessage m : SMTP.getReceivedMessages()) {
      if (m.getRecipients(Message.RecipientType.TO)[0].toString().equals(recipient)) {
        last = m;
      }
    }
    assertThat(last).as("an email to " + recipient).isNotNull();
    return last;
  }
}
