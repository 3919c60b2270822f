package com.verk.server.delivery;

import com.verk.server.events.EventType;
import com.verk.server.system.ApiException;
import com.verk.server.system.Page;
import com.verk.server.system.Pages;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
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

  private final JdbcClient jdbc;
  private final Function<List<String>, List<Job>> loader;
  private final Envelope envelope;
  private final JsonMapper json;

  DeliveryLog(
      JdbcTemplate jdbc,
      Function<List<String>, List<Job>> loader,
      Envelope envelope,
      JsonMapper json) {
    this.jdbc = JdbcClient.create(jdbc);
    this.loader = loader;
    this.envelope = envelope;
    this.json = json;
  }

  /** The webhook's URL and state, or 404 when it is not this organization's. */
  record Webhook(String id, String url, boolean active) {}

  Webhook webhook(String orgId, String webhookId) {
    return jdbc.sql("SELECT id, url, active FROM webhooks WHERE id = :id AND org_id = :org")
        .param("id", webhookId)
        .param("org", orgId)
        .query((rs, n) -> new Webhook(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
        .optional()
        .orElseThrow(() -> ApiException.notFound("Webhook", webhookId));
  }

  /** The longest id a search accepts; longer ones are refused rather than looked up. */
  static final int MAX_ID_LENGTH = 200;

  /**
   * One page of the webhook's deliveries, newest first; null filters and cursor mean none. Bad
   * filter values are a 400 naming the parameter.
   */
  Page<DeliverySummary> list(
      String orgId, String webhookId, DeliveryFilter filter, Integer limit, String cursor) {
    webhook(orgId, webhookId);
    int size = Pages.limit(limit);
    validate(filter);
    Pages.Cursor after = Pages.Cursor.decode(cursor);
    String sql = listSql(filter, !after.isStart());
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("org", orgId);
    params.put("webhook", webhookId);
    params.put("limit", size + 1);
    params.put("status", filter.status());
    params.put("event", filter.event());
    params.put("since", filter.since() == null ? null : filter.since().toEpochMilli());
    params.put("until", filter.until() == null ? null : filter.until().toEpochMilli());
    params.put("deliveryId", filter.deliveryId());
    params.put("objectId", filter.objectId());
    params.put("createdAt", after.isStart() ? null : after.createdAt());
    params.put("id", after.isStart() ? null : after.id());
    List<DeliverySummary> rows = jdbc.sql(sql).params(params).query((rs, n) -> row(rs)).list();
    return Pages.page(
        rows, size, d -> new Pages.Cursor(d.timestamp().toEpochMilli(), d.id()), d -> d);
  }

  /**
   * The list query. Without an object id it walks {@code deliveries_webhook} (webhook, created_at,
   * id) newest first, or takes one row by primary key for a delivery id. With an object id it
   * starts from the organization's events about that object ({@code events_object}) and reaches
   * their deliveries through {@code deliveries_event}: {@code CROSS JOIN} makes SQLite keep that
   * order (PostgreSQL plans it from statistics), so a search costs the matches, not the log's size.
   */
  static String listSql(DeliveryFilter filter, boolean afterCursor) {
    StringBuilder where = new StringBuilder("d.webhook_id = :webhook AND d.org_id = :org");
    if (filter.status() != null) {
      where.append(" AND d.status = :status");
    }
    if (filter.event() != null) {
      where.append(" AND d.event_type = :event");
    }
    if (filter.since() != null) {
      where.append(" AND d.created_at >= :since");
    }
    if (filter.until() != null) {
      where.append(" AND d.created_at < :until");
    }
    if (filter.deliveryId() != null) {
      where.append(" AND d.id = :deliveryId");
    }
    if (afterCursor) {
      where.append(
          " AND (d.created_at < :createdAt OR (d.created_at = :createdAt AND d.id < :id))");
    }
    String with = "";
    String from = "deliveries d";
    if (filter.objectId() != null) {
      // Materialized first, so that no planner trades deliveries_event for a walk of the
      // webhook's whole log (SQLite did, to serve the cursor's OR).
      with =
          """
          WITH about AS MATERIALIZED (
            SELECT d.* FROM events e CROSS JOIN deliveries d
            WHERE e.org_id = :org AND e.object_id = :objectId AND d.event_id = e.id)
          """;
      from = "about d";
    }
    return """
        %sSELECT %s FROM %s
        WHERE %s
        ORDER BY d.created_at DESC, d.id DESC
        LIMIT :limit
        """
        .formatted(with, COLUMNS, from, where);
  }

  private static void validate(DeliveryFilter filter) {
    if (filter.status() != null && !STATUSES.contains(filter.status())) {
      throw ApiException.invalid("status", "must be one of pending, succeeded, failed, skipped");
    }
    if (filter.event() != null && EventType.fromWireName(filter.event()).isEmpty()) {
      throw ApiException.invalid("event", "is not a known event type");
    }
    if (filter.since() != null
        && filter.until() != null
        && !filter.until().isAfter(filter.since())) {
      throw ApiException.invalid("until", "must be later than since");
    }
    checkId("deliveryId", filter.deliveryId());
    checkId("objectId", filter.objectId());
  }

  private static void checkId(String field, String value) {
    if (value == null) {
      return;
    }
    if (value.isBlank()) {
      throw ApiException.invalid(field, "must not be empty");
    }
    if (value.length() > MAX_ID_LENGTH) {
      throw ApiException.invalid(field, "must be at most " + MAX_ID_LENGTH + " characters");
    }
  }

  DeliveryDetail get(String orgId, String webhookId, String deliveryId) {
    Webhook webhook = webhook(orgId, webhookId);
    DeliverySummary summary = summary(webhookId, deliveryId);
    List<String> headers = new ArrayList<>();
    List<DeliveryDetail.Attempt> attempts =
        jdbc.sql(
                """
                SELECT number, attempted_at, success, response_status, response_time_ms, error,
                       response_body, request_headers
                FROM delivery_attempts
                WHERE delivery_id = :delivery
                ORDER BY number, attempted_at
                """)
            .param("delivery", deliveryId)
            .query(
                (rs, n) -> {
                  headers.add(rs.getString(8));
                  return new DeliveryDetail.Attempt(
                      rs.getInt(1),
                      Instant.ofEpochMilli(rs.getLong(2)),
                      rs.getBoolean(3),
                      Rows.intOrNull(rs, 4),
                      Rows.longOrNull(rs, 5),
                      rs.getString(6),
                      rs.getString(7));
                })
            .list();
    String lastHeaders = headers.isEmpty() ? null : headers.get(headers.size() - 1);
    return DeliveryDetail.of(summary, attempts, request(webhook, deliveryId, lastHeaders));
  }

  /** One delivery's list view, or 404. */
  DeliverySummary summary(String webhookId, String deliveryId) {
    return jdbc.sql(
            "SELECT %s FROM deliveries d WHERE d.id = :id AND d.webhook_id = :webhook"
                .formatted(COLUMNS))
        .param("id", deliveryId)
        .param("webhook", webhookId)
        .query((rs, n) -> row(rs))
        .optional()
        .orElseThrow(() -> ApiException.notFound("Delivery", deliveryId));
  }

  private DeliveryDetail.Request request(Webhook webhook, String deliveryId, String lastHeaders) {
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
    return new DeliveryDetail.Request(
        webhook.url(), headers, new String(envelope.render(job), StandardCharsets.UTF_8));
  }

  private static DeliverySummary row(ResultSet rs) throws SQLException {
    Long next = Rows.longOrNull(rs, 8);
    return new DeliverySummary(
        rs.getString(1),
        rs.getString(2),
        Instant.ofEpochMilli(rs.getLong(3)),
        rs.getString(4),
        rs.getInt(5),
        Rows.intOrNull(rs, 6),
        Rows.longOrNull(rs, 7),
        next == null ? null : Instant.ofEpochMilli(next),
        rs.getBoolean(9));
  }
}
