package com.verk.server.alerts;

import com.verk.server.cluster.NodeId;
import com.verk.server.storage.DatabaseKind;
import com.verk.server.system.VerkProperties;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring wiring for alerts: the rule's settings for the delivery engine, and the email sender when
 * Spring Boot configured a mail server ({@code SPRING_MAIL_HOST}); without one, nothing is queued
 * or sent, and the start log says so once.
 */
@Configuration(proxyBeanMethods = false)
class AlertsConfig {

  private static final Logger log = LoggerFactory.getLogger(AlertsConfig.class);

  /** The emails' sender, or null without a mail server. */
  record Mail(AlertMailer mailer, String summary) {}

  @Bean
  Mail alertMail(
      ObjectProvider<JavaMailSender> sender,
      DataSource dataSource,
      DatabaseKind kind,
      Clock clock,
      VerkProperties properties,
      NodeId node,
      JsonMapper json,
      Environment env) {
    JavaMailSender mail = sender.getIfAvailable();
    if (mail == null) {
      return new Mail(null, null);
    }
    String from = from(properties, env);
    AlertMailer mailer =
        new AlertMailer(
            dataSource,
            kind,
            clock,
            mail,
            new AlertEmails(publicUrl(properties, env)),
            from,
            properties.alerts(),
            node.value(),
            json);
    String summary =
        env.getProperty("spring.mail.host")
            + ":"
            + env.getProperty("spring.mail.port", "25")
            + " from "
            + from;
    return new Mail(mailer, summary);
  }

  /** What the delivery engine's alert rule needs. */
  @Bean
  Alerting alerting(Mail mail, VerkProperties properties) {
    return mail.mailer() == null
        ? Alerting.withoutEmail(properties.alerts())
        : new Alerting(properties.alerts(), true, mail.mailer()::wake);
  }

  @Bean
  SmartLifecycle alertMailerLifecycle(Mail mail) {
    return new SmartLifecycle() {
      private volatile boolean running;
      private boolean told;

      @Override
      public void start() {
        if (!told) {
          told = true;
          if (mail.mailer() == null) {
            log.info(
                "Alert emails are off: SPRING_MAIL_HOST is not set. Alerts still show in the"
                    + " dashboard and go out as operational events (docs/alerts.md).");
          } else {
            log.info("Alert emails go out through {}", mail.summary());
          }
        }
        if (mail.mailer() != null) {
          mail.mailer().start();
        }
        running = true;
      }

      @Override
      public void stop() {
        if (mail.mailer() != null) {
          mail.mailer().close();
        }
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }
    };
  }

  static String publicUrl(VerkProperties properties, Environment env) {
    String url = properties.publicUrl();
    if (url == null || url.isBlank()) {
      url = "http://localhost:" + env.getProperty("server.port", "8080");
    }
    return url;
  }

  static String from(VerkProperties properties, Environment env) {
    String from = properties.mail().from();
    if (from != null && !from.isBlank()) {
      return from;
    }
    String user = env.getProperty("spring.mail.username");
    return user != null && user.contains("@") ? user : "verk-webhooks@localhost";
  }
}
