package com.verk.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two nodes sending alert emails from one PostgreSQL database never send one twice. */
class AlertEmailsPostgresTest {

  @Test
  void two_nodes_sending_at_once_send_every_alert_email_exactly_once() throws Exception {
    GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (AlertFixture f = AlertFixture.postgres()) {
      String org = f.org("Acme Inc");
      f.member(org, "owner@acme.test", "owner");
      f.member(org, "admin@acme.test", "admin");
      int webhooks = 30;
      for (int i = 0; i < webhooks; i++) {
        String hook = f.webhook(org, "https://down.example.com/hook-" + i, null);
        f.failedAttempts(org, hook, 4);
        f.failing(hook, 4);
      }
      assertThat(f.emails("pending")).isEqualTo(2L * webhooks);

      int port = smtp.getSmtp().getPort();
      List<AlertMailer> nodes =
          List.of(
              f.mailer(f.secondNode(), port, "node-a"), f.mailer(f.secondNode(), port, "node-b"));
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> runs = new ArrayList<>();
      for (AlertMailer node : nodes) {
        runs.add(
            pool.submit(
                () -> {
                  start.await();
                  int claimed = 0;
                  for (int n = node.sendDue(); n > 0; n = node.sendDue()) {
                    claimed += n;
                  }
                  return claimed;
                }));
      }
      start.countDown();
      int claimed = 0;
      for (Future<Integer> run : runs) {
        claimed += run.get(60, TimeUnit.SECONDS);
      }

      MimeMessage[] received = smtp.getReceivedMessages();
      assertThat(claimed).isEqualTo(2 * webhooks);
      assertThat(received).hasSize(2 * webhooks);
      Set<String> distinct = new HashSet<>();
      for (MimeMessage m : received) {
        distinct.add(m.getRecipients(Message.RecipientType.TO)[0] + " " + m.getSubject());
      }
      assertThat(distinct).hasSize(2 * webhooks);
      assertThat(f.emails("sent")).isEqualTo(2L * webhooks);
    } finally {
      pool.shutdownNow();
      smtp.stop();
    }
  }
}
