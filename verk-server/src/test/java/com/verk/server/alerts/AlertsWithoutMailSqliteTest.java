package com.verk.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.SqliteServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Without SPRING_MAIL_HOST the server queues and sends no alert email. */
class AlertsWithoutMailSqliteTest extends SqliteServerTest {

  @Autowired Alerting alerting;
  @Autowired AlertLog alerts;
  @Autowired AlertsConfig.Mail mail;

  @Test
  void without_a_mail_host_alerts_queue_no_email_and_no_sender_runs() {
    assertThat(alerting.emails()).isFalse();
    assertThat(mail.mailer()).isNull();
    assertThat(alerts.mailConfigured()).isFalse();
  }
}
