package com.verk.server.delivery;

import com.verk.server.events.EventType;
import com.verk.server.system.ApiException;
import com.verk.server.system.Times;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The delivery log as users read it: newest first, filtered by status and event, with every attempt
 * and the request that was sent. Every query is scoped to the caller's organization; a webhook or
 * delivery of another organization does not exist here.
 */
final class DeliveryLog {

  static final Set<String> STATUSES =
      Arrays.stream(DeliveryState.values()).map(DeliveryState::wire).collect(Collectors.toSet());
  private static final String COLUMNS =
      "d.id, d.event_type, d.created_at, d.status, d.attempts, d.response_status,"
          + " d.response_time_ms, d.next_attempt_at, d.test";

  private final JdbcTemplate jdbc;
  private final Function<List<String>, List<Job>> loader;
  private final Envelope envelope;
  private final JsonMapper json;

  DeliveryLog(
      JdbcTemplate jdbc,
      Function<List<String>, List<Job>> loader,
      Envelope envelope,
      JsonMapper json) {
    this.jdbc = jdbc;
    this.loader = loader;
    this.envelope = envelope;
    this.json = json;
  }

  /** The webhook's URL and state, or 404 when it is not this organization's. */
  record Webhook(String id, String url, boolean active) {}

  Webhook webhook(String orgId, String webhookId) {
    return jdbc
        .query(
            "SELECT id, url, active FROM webhooks WHERE id = ? AND org_id = ?",
            (rs, n) -> new Webhook(rs.getString(1), rs.getString(2), rs.getBoolean(3)),
            webhookId,
            orgId)
        .stream()
        .findFirst()
        .orElseThrow(() -> ApiException.notFound("Webhook", webhookId));
  }

  Map<String, Object> list(
      String orgId, String webhookId, String status, String event, String limit, String cursor) {
    webhook(orgId, webhookId);
    int size = limit(limit);
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + " FROM deliveries d WHERE d.webhook_id = ?");
    List<Object> args = new ArrayList<>(List.of(webhookId));
    if (status != null) {
      if (!STATUSES.contains(status)) {
        throw ApiException.invalid("status", "must be one of pending, succeeded, failed, skipped");
      }
      sql.append(" AND d.status = ?");
      args.add(status);
    }
    if (event != null) {
      if (EventType.fromWireName(event).isEmpty()) {
        throw ApiException.invalid("event", "is not a known event type");
      }
      sql.append(" AND d.event_type = ?");
      args.add(event);
    }
    if (cursor != null) {
      Cursor after = Cursor.parse(cursor);
      sql.append(" AND (d.created_at < ? OR (d.created_at = ? AND d.id < ?))");
      args.add(after.createdAt());
      args.add(after.createdAt());
      args.add(after.id());
    }
    sql.append(" ORDER BY d.created_at DESC, d.id DESC LIMIT ?");
    args.add(size + 1);
    List<Row> rows = jdbc.query(sql.toString(), (rs, n) -> row(rs), args.toArray());
    String next = null;
    if (rows.size() > size) {
      rows = rows.subList(0, size);
      Row last = rows.get(size - 1);
      next = new Cursor(last.createdAt(), last.id()).format();
    }
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("data", rows.stream().map(Row::view).toList());
    page.put("nextCursor", next);
    return page;
  }

  Map<String, Object> get(String orgId, String webhookId, String deliveryId) {
    Webhook webhook = webhook(orgId, webhookId);
    Map<String, Object> view = summary(webhookId, deliveryId);
    List<Map<String, Object>> attempts =
        jdbc.query(
            "SELECT number, attempted_at, success, response_status, response_time_ms, error,"
                + " response_body, request_headers FROM delivery_attempts"
                + " WHERE delivery_id = ? ORDER BY number, attempted_at",
            (rs, n) -> {
              Map<String, Object> a = new LinkedHashMap<>();
              a.put("number", rs.getInt(1));
              a.put("attemptedAt", Times.iso(rs.getLong(2)));
              a.put("success", rs.getBoolean(3));
              a.put("responseStatus", Rows.intOrNull(rs, 4));
              a.put("responseTimeMs", Rows.longOrNull(rs, 5));
              a.put("error", rs.getString(6));
              a.put("responseBody", rs.getString(7));
              a.put("requestHeaders", rs.getString(8));
              return a;
            },
            deliveryId);
    String lastHeaders = null;
    for (Map<String, Object> a : attempts) {
      lastHeaders = (String) a.remove("requestHeaders");
    }
    view.put("attemptLog", attempts);
    view.put("request", request(webhook, deliveryId, lastHeaders));
    return view;
  }

  /** One delivery's list view, or 404. */
  Map<String, Object> summary(String webhookId, String deliveryId) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM deliveries d WHERE d.id = ? AND d.webhook_id = ?",
            (rs, n) -> row(rs),
            deliveryId,
            webhookId)
        .stream()
        .findFirst()
        .orElseThrow(() -> ApiException.notFound("Delivery", deliveryId))
        .view();
  }

  private Map<String, Object> request(Webhook webhook, String deliveryId, String lastHeaders) {
    Job job = loader.apply(List.of(deliveryId)).get(0);
    Map<String, String> headers;
    if (lastHeaders != null) {
      headers = json.readValue(lastHeaders, new TypeReference<LinkedHashMap<String, String>>() {});
    } else {
      // Not sent yet: the headers that do not depend on the attempt.
      headers = new LinkedHashMap<>();
      headers.put("Content-Type", "application/json");
      headers.put("X-Verk-Event", job.eventType());
      headers.put("X-Verk-Delivery", job.deliveryId());
      headers.put("webhook-id", job.deliveryId());
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("url", webhook.url());
    request.put("headers", headers);
    request.put("body", new String(envelope.render(job), StandardCharsets.UTF_8));
    return request;
  }

  private static int limit(String limit) {
    if (limit == null) {
      return 20;
    }
    try {
      int n = Integer.parseInt(limit);
      if (n >= 1 && n <= 100) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.invalid("limit", "must be a number from 1 to 100");
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(
        rs.getString(1),
        rs.getString(2),
        rs.getLong(3),
        rs.getString(4),
        rs.getInt(5),
        Rows.intOrNull(rs, 6),
        Rows.longOrNull(rs, 7),
        Rows.longOrNull(rs, 8),
        rs.getBoolean(9));
  }

  private record Row(
      String id,
      String event,
      long createdAt,
      String status,
      int attempts,
      Integer responseStatus,
      Long responseTimeMs,
      Long nextAttemptAt,
      boolean test) {

    Map<String, Object> view() {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("id", id);
      v.put("event", event);
      v.put("timestamp", Times.iso(createdAt));
      v.put("status", status);
      v.put("attempts", attempts);
      v.put("responseStatus", responseStatus);
      v.put("responseTimeMs", responseTimeMs);
      v.put("nextAttemptAt", Times.isoOrNull(nextAttemptAt));
      v.put("test", test);
      return v;
    }
  }

  /** Opaque position in the newest-first order. */
  private record Cursor(long createdAt, String id) {

    String format() {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString((createdAt + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor parse(String text) {
      try {
        String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return new Cursor(
            Long.parseLong(decoded.substring(0, colon)), decoded.substring(colon + 1));
      } catch (RuntimeException e) {
        throw ApiException.invalid("cursor", "is not a cursor this API returned");
      }
    }
  }
}
