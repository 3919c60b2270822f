package com.verk.server.events;

import com.verk.server.system.ApiException;
import com.verk.server.system.Page;
import com.verk.server.system.Pages;
import com.verk.server.system.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The events view: an organization's events, newest first, each with its deliveries. A page takes
 * two statements whatever its size: the page of events (served by {@code events_org_time} or, with
 * a type, {@code events_org_type_time}), then the deliveries of all of them at once (served by
 * {@code deliveries_event}). Every statement is scoped to the caller's organization.
 */
@Component
public class EventLog {

  /** What a page is filtered by; null means no filter. */
  public record Filter(String type, String since, String until) {
    public static final Filter NONE = new Filter(null, null, null);
  }

  private record Row(String id, String type, long occurredAt) {}

  private final JdbcClient jdbc;

  EventLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One page of the organization's events, newest first. {@code since} (inclusive) and {@code
   * until} (exclusive) are ISO-8601 times; a bad type, time, limit or cursor is a 400 naming it.
   */
  public Page<EventSummary> list(String orgId, Filter filter, Integer limit, String cursor) {
    int size = Pages.limit(limit);
    if (filter.type() != null && EventType.fromWireName(filter.type()).isEmpty()) {
      throw ApiException.invalid("type", "is not a known event type");
    }
    Long since = filter.since() == null ? null : Times.epochMillis("since", filter.since());
    Long until = filter.until() == null ? null : Times.epochMillis("until", filter.until());
    if (since != null && until != null && until <= since) {
      throw ApiException.invalid("until", "must be later than since");
    }
    Pages.Cursor after = Pages.Cursor.decode(cursor);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("org", orgId);
    params.put("limit", size + 1);
    StringBuilder where = new StringBuilder("e.org_id = :org");
    if (filter.type() != null) {
      where.append(" AND e.type = :type");
      params.put("type", filter.type());
    }
    if (since != null) {
      where.append(" AND e.occurred_at >= :since");
      params.put("since", since);
    }
    if (until != null) {
      where.append(" AND e.occurred_at < :until");
      params.put("until", until);
    }
    if (!after.isStart()) {
      where.append(" AND (e.occurred_at < :at OR (e.occurred_at = :at AND e.id < :id))");
      params.put("at", after.createdAt());
      params.put("id", after.id());
    }
    List<Row> rows =
        jdbc.sql(
                """
                SELECT e.id, e.type, e.occurred_at FROM events e
                WHERE %s
                ORDER BY e.occurred_at DESC, e.id DESC
                LIMIT :limit
                """
                    .formatted(where))
            .params(params)
            .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getLong(3)))
            .list();
    List<Row> shown = rows.size() > size ? rows.subList(0, size) : rows;
    Map<String, List<EventSummary.EventDelivery>> deliveries =
        deliveries(orgId, shown.stream().map(Row::id).toList());
    return Pages.page(
        rows,
        size,
        r -> new Pages.Cursor(r.occurredAt(), r.id()),
        r -> summary(r, deliveries.getOrDefault(r.id(), List.of())));
  }

  /** One event of the organization with its deliveries, or 404. */
  public EventSummary get(String orgId, String eventId) {
    Row row =
        jdbc.sql("SELECT id, type, occurred_at FROM events WHERE id = :id AND org_id = :org")
            .param("id", eventId)
            .param("org", orgId)
            .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getLong(3)))
            .optional()
            .orElseThrow(() -> ApiException.notFound("Event", eventId));
    return summary(row, deliveries(orgId, List.of(eventId)).getOrDefault(eventId, List.of()));
  }

  /** The deliveries of {@code eventIds}, by event, oldest first: one statement. */
  private Map<String, List<EventSummary.EventDelivery>> deliveries(
      String orgId, List<String> eventIds) {
    Map<String, List<EventSummary.EventDelivery>> byEvent = new LinkedHashMap<>();
    if (eventIds.isEmpty()) {
      return byEvent;
    }
    jdbc.sql(
            """
            SELECT d.event_id, d.id, d.webhook_id, w.url, d.status, d.attempts,
                   d.response_status, d.last_attempt_at, d.test
            FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id
            WHERE d.org_id = :org AND w.org_id = :org AND d.event_id IN (:events)
            ORDER BY d.created_at, d.id
            """)
        .param("org", orgId)
        .param("events", eventIds)
        .query(
            rs -> {
              int status = rs.getInt(7);
              Integer responseStatus = rs.wasNull() ? null : status;
              long last = rs.getLong(8);
              Instant lastAttemptAt = rs.wasNull() ? null : Instant.ofEpochMilli(last);
              byEvent
                  .computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                  .add(
                      new EventSummary.EventDelivery(
                          rs.getString(2),
                          rs.getString(3),
                          rs.getString(4),
                          rs.getString(5),
                          rs.getInt(6),
                          responseStatus,
                          lastAttemptAt,
                          rs.getBoolean(9)));
            });
    return byEvent;
  }

  private static EventSummary summary(Row row, List<EventSummary.EventDelivery> deliveries) {
    return new EventSummary(
        row.id(), row.type(), Instant.ofEpochMilli(row.occurredAt()), deliveries);
  }
}
