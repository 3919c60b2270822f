package com.verk.server.alerts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the dashboard shows of alerts, always scoped to one organization: its recent alerts, which
 * webhooks have an open one, and each member's choice to receive the emails.
 */
@Component
public class AlertLog {

  /** One alert as listed. */
  public record Recent(
      String id,
      String webhookId,
      String kind,
      String url,
      String description,
      String reason,
      long at) {}

  private final JdbcClient jdbc;
  private final AlertsConfig.Mail mail;

  AlertLog(JdbcClient jdbc, AlertsConfig.Mail mail) {
    this.jdbc = jdbc;
    this.mail = mail;
  }

  /** The organization's latest alerts, newest first. */
  public List<Recent> recent(String orgId, int limit) {
    return jdbc.sql(
            "SELECT id, webhook_id, kind, webhook_url, webhook_description, reason, created_at"
                + " FROM alerts WHERE org_id = ? ORDER BY created_at DESC, id DESC LIMIT ?")
        .params(orgId, limit)
        .query(
            (rs, n) ->
                new Recent(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getLong(7)))
        .list();
  }

  /** Webhook id to its open alert ({@code failing} or {@code disabled}) until a success. */
  public Map<String, String> open(String orgId) {
    Map<String, String> open = new HashMap<>();
    jdbc.sql(
            "SELECT webhook_id, open_alert FROM webhook_alert_state"
                + " WHERE org_id = ? AND open_alert IS NOT NULL")
        .param(orgId)
        .query(
            rs -> {
              open.put(rs.getString(1), rs.getString(2));
            });
    return open;
  }

  /** The reason of the webhook's open failing alert, if it has one. */
  public Optional<Recent> openFailing(String orgId, String webhookId) {
    if (!"failing".equals(open(orgId).get(webhookId))) {
      return Optional.empty();
    }
    return jdbc.sql(
            "SELECT id, webhook_id, kind, webhook_url, webhook_description, reason, created_at"
                + " FROM alerts WHERE org_id = ? AND webhook_id = ? AND kind = 'failing'"
                + " ORDER BY created_at DESC, id DESC LIMIT 1")
        .params(orgId, webhookId)
        .query(
            (rs, n) ->
                new Recent(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getLong(7)))
        .optional();
  }

  /** Whether this member wants the alert emails (owners and admins receive them). */
  public boolean emailsOn(String orgId, String memberId) {
    return jdbc.sql("SELECT alert_emails FROM members WHERE id = ? AND org_id = ?")
        .params(memberId, orgId)
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }

  /** Turns the alert emails on or off for this member only. */
  @Transactional
  public void setEmails(String orgId, String memberId, boolean on) {
    jdbc.sql("UPDATE members SET alert_emails = ? WHERE id = ? AND org_id = ?")
        .params(on, memberId, orgId)
        .update();
  }

  /** Whether this server sends email at all (SPRING_MAIL_HOST is set). */
  public boolean mailConfigured() {
    return mail.mailer() != null;
  }
}
