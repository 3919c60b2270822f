package com.verk.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alert emails through a real SMTP server in the test JVM (GreenMail on a free port). */
class AlertEmailsTest {

  private final AlertFixture f = AlertFixture.sqlite();
  private GreenMail smtp;

  @BeforeEach
  void smtp() {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
  }

  @AfterEach
  void stop() {
    smtp.stop();
    f.close();
  }

  private static List<String> to(MimeMessage m) throws Exception {
    return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
        .map(a -> ((InternetAddress) a).getAddress())
        .toList();
  }

  @Test
  void each_alert_is_emailed_once_to_the_owners_and_admins_with_its_subject_and_links()
      throws Exception {
    String org = f.org("Acme Inc");
    f.member(org, "owner@acme.test", "owner");
    f.member(org, "admin@acme.test", "admin");
    f.member(org, "member@acme.test", "member");
    String other = f.org("Globex");
    f.member(other, "owner@globex.test", "owner");
    String hook = f.webhook(org, "https://down.example.com/hook", "Task sync to CRM");
    f.failedAttempts(org, hook, 4);
    f.failing(hook, 4);
    AlertMailer mailer = f.mailer(smtp.getSmtp().getPort());

    assertThat(mailer.sendDue()).isEqualTo(2);
    assertThat(mailer.sendDue()).as("nothing is sent twice").isZero();

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(2);
    assertThat(Arrays.stream(received).flatMap(m -> uncheckedTo(m).stream()))
        .containsExactlyInAnyOrder("owner@acme.test", "admin@acme.test");
    MimeMessage mail = received[0];
    assertThat(mail.getSubject())
        .isEqualTo("[Verk] Webhook is failing: https://down.example.com/hook");
    assertThat(((InternetAddress) mail.getFrom()[0]).getAddress())
        .isEqualTo("alerts@verk.example.com");
    String link = AlertFixture.PUBLIC_URL + "/settings/integrations/webhooks/" + hook;
    String body = GreenMailUtil.getBody(mail);
    String text = GreenMailUtil.getWholeMessage(mail);
    assertThat(text).contains("text/plain").contains("text/html");
    String decoded = decode(mail);
    assertThat(decoded)
        .contains("A webhook of Acme Inc is failing")
        .contains("Task sync to CRM")
        .contains("used 3 of its 6 retries")
        .contains("HTTP 500")
        .contains("Delivery log: " + link)
        .contains("href=\"" + link + "\"")
        .contains("Re-enable")
        .doesNotContain(AlertFixture.SECRET);
    assertThat(body).doesNotContain(AlertFixture.SECRET);
    assertThat(f.emails("sent")).isEqualTo(2);

    f.disabled(hook);
    assertThat(mailer.sendDue()).isEqualTo(2);
    f.succeeded(hook);
    assertThat(mailer.sendDue()).isEqualTo(2);
    List<String> subjects =
        Arrays.stream(smtp.getReceivedMessages()).map(AlertEmailsTest::subject).toList();
    assertThat(subjects)
        .containsExactlyInAnyOrder(
            "[Verk] Webhook is failing: https://down.example.com/hook",
            "[Verk] Webhook is failing: https://down.example.com/hook",
            "[Verk] Webhook was disabled: https://down.example.com/hook",
            "[Verk] Webhook was disabled: https://down.example.com/hook",
            "[Verk] Webhook has recovered: https://down.example.com/hook",
            "[Verk] Webhook has recovered: https://down.example.com/hook");
    MimeMessage disabled =
        Arrays.stream(smtp.getReceivedMessages())
            .filter(m -> subject(m).contains("was disabled"))
            .findFirst()
            .orElseThrow();
    assertThat(decode(disabled))
        .contains("Disabled after 7 failed attempts")
        .contains("Re-enable and recover");
  }

  @Test
  void an_email_the_mail_server_refused_is_sent_on_the_next_try() throws Exception {
    String org = f.org("Acme Inc");
    f.member(org, "owner@acme.test", "owner");
    String hook = f.webhook(org, "https://down.example.com/hook", null);
    f.failedAttempts(org, hook, 4);
    f.failing(hook, 4);
    int port = freePort();
    AlertMailer mailer = f.mailer(port);

    assertThat(mailer.sendDue()).isEqualTo(1);
    assertThat(f.emails("pending")).isEqualTo(1);
    assertThat(f.jdbc().queryForObject("SELECT attempts FROM alert_emails", Integer.class))
        .isEqualTo(1);
    assertThat(f.jdbc().queryForObject("SELECT last_error FROM alert_emails", String.class))
        .isNotBlank();

    GreenMail late = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    late.start();
    try {
      assertThat(mailer.sendDue()).as("not due before the first retry delay").isZero();
      f.advance(Duration.ofMinutes(1));
      assertThat(mailer.sendDue()).isEqualTo(1);
      assertThat(late.getReceivedMessages()).hasSize(1);
      assertThat(to(late.getReceivedMessages()[0])).containsExactly("owner@acme.test");
      assertThat(f.emails("sent")).isEqualTo(1);
      assertThat(mailer.sendDue()).isZero();
      assertThat(late.getReceivedMessages()).hasSize(1);
    } finally {
      late.stop();
    }
  }

  @Test
  void an_email_is_given_up_only_after_its_whole_retry_schedule() throws Exception {
    String org = f.org("Acme Inc");
    f.member(org, "owner@acme.test", "owner");
    String hook = f.webhook(org, "https://down.example.com/hook", null);
    f.failedAttempts(org, hook, 4);
    f.failing(hook, 4);
    AlertMailer mailer = f.mailer(freePort());

    for (Duration delay : f.settings.emailRetrySchedule()) {
      assertThat(mailer.sendDue()).isEqualTo(1);
      assertThat(f.emails("pending")).isEqualTo(1);
      f.advance(delay);
    }
    assertThat(mailer.sendDue()).isEqualTo(1);
    assertThat(f.emails("failed")).isEqualTo(1);
    assertThat(mailer.sendDue()).isZero();
  }

  static String decode(MimeMessage m) throws Exception {
    StringBuilder out = new StringBuilder();
    collect(m.getContent(), out);
    return out.toString();
  }

  private static void collect(Object content, StringBuilder out) throws Exception {
    if (content instanceof jakarta.mail.Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        collect(multipart.getBodyPart(i).getContent(), out);
      }
    } else {
      out.append(content).append('\n');
    }
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> uncheckedTo(MimeMessage m) {
    try {
      return to(m);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
