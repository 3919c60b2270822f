package com.verk.server.webhooks;

import com.verk.server.events.EventType;
import com.verk.server.system.Pages;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of webhooks and their subscriptions; the same statements run on SQLite and PostgreSQL.
 * Every statement is scoped by org_id, so another organization's id simply finds nothing.
 */
@Repository
class WebhookStore {

  private static final String COLUMNS =
      "id, org_id, url, description, active, disabled_at, disabled_reason, created_at, updated_at,"
          + " header_names, rate_limit, paused_until";

  private final JdbcClient jdbc;
  private final SecretCipher cipher;

  WebhookStore(JdbcClient jdbc, SecretCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  Optional<Webhook> find(String orgId, String id) {
    List<Row> rows =
        jdbc.sql("SELECT " + COLUMNS + " FROM webhooks WHERE id = ? AND org_id = ?")
            .params(id, orgId)
            .query(this::row)
            .list();
    return withEvents(rows).stream().findFirst();
  }

  /** Up to {@code limit} webhooks after the cursor, oldest first. */
  List<Webhook> page(String orgId, Pages.Cursor after, int limit) {
    return withEvents(
        jdbc.sql(
                "SELECT "
                    + COLUMNS
                    + " FROM webhooks WHERE org_id = :org"
                    + " AND (created_at > :createdAt OR (created_at = :createdAt AND id > :id))"
                    + " ORDER BY created_at, id LIMIT :limit")
            .param("org", orgId)
            .param("createdAt", after.createdAt())
            .param("id", after.id())
            .param("limit", limit)
            .query(this::row)
            .list());
  }

  long count(String orgId) {
    return jdbc.sql("SELECT COUNT(*) FROM webhooks WHERE org_id = ?")
        .param(orgId)
        .query(Long.class)
        .single();
  }

  void insert(Webhook w, String secret) {
    jdbc.sql(
            "INSERT INTO webhooks (id, org_id, url, description, secret, active, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            w.id(),
            w.orgId(),
            w.url(),
            w.description(),
            cipher.seal(secret),
            true,
            w.createdAt(),
            w.updatedAt())
        .update();
    insertEvents(w.orgId(), w.id(), w.events());
    if (w.rateLimit() != null) {
      setRateLimit(w.orgId(), w.id(), w.rateLimit());
    }
  }

  /** Attempts per second, or null for none. */
  void setRateLimit(String orgId, String id, Integer rateLimit) {
    jdbc.sql("UPDATE webhooks SET rate_limit = ? WHERE id = ? AND org_id = ?")
        .params(rateLimit, id, orgId)
        .update();
  }

  void replaceEvents(String orgId, String id, List<String> events) {
    jdbc.sql("DELETE FROM webhook_events WHERE webhook_id = ?").param(id).update();
    insertEvents(orgId, id, events);
  }

  private void insertEvents(String orgId, String id, List<String> events) {
    for (String event : events) {
      jdbc.sql("INSERT INTO webhook_events (webhook_id, org_id, event_type) VALUES (?, ?, ?)")
          .params(id, orgId, event)
          .update();
    }
  }

  void updateFields(Webhook w) {
    jdbc.sql(
            "UPDATE webhooks SET url = ?, description = ?, active = ?, disabled_at = ?,"
                + " disabled_reason = ?, updated_at = ? WHERE id = ? AND org_id = ?")
        .params(
            w.url(),
            w.description(),
            w.active(),
            w.disabledAt(),
            w.disabledReason(),
            w.updatedAt(),
            w.id(),
            w.orgId())
        .update();
  }

  void setSecret(
      String orgId, String id, String secret, String previous, Long previousExpiresAt, long now) {
    jdbc.sql(
            "UPDATE webhooks SET secret = ?, previous_secret = ?, previous_secret_expires_at = ?,"
                + " updated_at = ? WHERE id = ? AND org_id = ?")
        .params(cipher.seal(secret), cipher.seal(previous), previousExpiresAt, now, id, orgId)
        .update();
  }

  /** Replaces the custom headers (sealed like the secret); none stores NULL. */
  void setHeaders(String orgId, String id, Map<String, String> headers) {
    jdbc.sql("UPDATE webhooks SET headers = ?, header_names = ? WHERE id = ? AND org_id = ?")
        .params(
            cipher.seal(WebhookHeaders.encode(headers)),
            WebhookHeaders.joinNames(headers),
            id,
            orgId)
        .update();
  }

  /** The custom headers in the clear; empty when none (or no such webhook). */
  Map<String, String> headers(String orgId, String id) {
    return jdbc.sql("SELECT headers FROM webhooks WHERE id = ? AND org_id = ?")
        .params(id, orgId)
        .query((rs, n) -> WebhookHeaders.decode(cipher.reveal(rs.getString(1))))
        .optional()
        .orElseGet(Map::of);
  }

  /** The current secret in the clear. */
  Optional<String> secret(String orgId, String id) {
    return jdbc.sql("SELECT secret FROM webhooks WHERE id = ? AND org_id = ?")
        .params(id, orgId)
        .query(String.class)
        .optional()
        .map(cipher::reveal);
  }

  /**
   * Deletes the webhook's deliveries (their attempts cascade) before the webhook itself: the
   * engine's recorder locks a delivery and then its webhook, so a delete that locked the webhook
   * first and then cascaded into the deliveries could deadlock with it.
   */
  boolean delete(String orgId, String id) {
    jdbc.sql(
            "DELETE FROM deliveries WHERE webhook_id = ?"
                + " AND EXISTS (SELECT 1 FROM webhooks WHERE id = ? AND org_id = ?)")
        .params(id, id, orgId)
        .update();
    return jdbc.sql("DELETE FROM webhooks WHERE id = ? AND org_id = ?").params(id, orgId).update()
        > 0;
  }

  private record Row(
      String id,
      String orgId,
      String url,
      String description,
      boolean active,
      Long disabledAt,
      String disabledReason,
      long createdAt,
      long updatedAt,
      List<String> headerNames,
      Integer rateLimit,
      Long pausedUntil) {}

  private Row row(ResultSet rs, int n) throws SQLException {
    long disabledAt = rs.getLong("disabled_at");
    Long disabled = rs.wasNull() ? null : disabledAt;
    int rate = rs.getInt("rate_limit");
    Integer rateLimit = rs.wasNull() ? null : rate;
    long paused = rs.getLong("paused_until");
    Long pausedUntil = rs.wasNull() ? null : paused;
    return new Row(
        rs.getString("id"),
        rs.getString("org_id"),
        rs.getString("url"),
        rs.getString("description"),
        rs.getBoolean("active"),
        disabled,
        rs.getString("disabled_reason"),
        rs.getLong("created_at"),
        rs.getLong("updated_at"),
        WebhookHeaders.splitNames(rs.getString("header_names")),
        rateLimit,
        pausedUntil);
  }

  private List<Webhook> withEvents(List<Row> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, List<EventType>> events = new HashMap<>();
    jdbc.sql("SELECT webhook_id, event_type FROM webhook_events WHERE webhook_id IN (:ids)")
        .param("ids", ids(rows))
        .query(
            rs -> {
              EventType.fromWireName(rs.getString("event_type"))
                  .ifPresent(
                      t ->
                          events
                              .computeIfAbsent(
                                  uncheckedString(rs, "webhook_id"), k -> new ArrayList<>())
                              .add(t));
            });
    List<Webhook> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      List<String> names =
          events.getOrDefault(r.id(), List.of()).stream()
              .sorted(Comparator.naturalOrder())
              .map(EventType::wireName)
              .toList();
      out.add(
          new Webhook(
              r.id(),
              r.orgId(),
              r.url(),
              names,
              r.description(),
              r.active(),
              r.disabledAt(),
              r.disabledReason(),
              r.createdAt(),
              r.updatedAt(),
              r.headerNames(),
              r.rateLimit(),
              r.pausedUntil()));
    }
    return out;
  }

  private static Collection<String> ids(List<Row> rows) {
    return rows.stream().map(Row::id).toList();
  }

  private static String uncheckedString(ResultSet rs, String column) {
    try {
      return rs.getString(column);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
