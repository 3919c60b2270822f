package com.verk.server.dashboard;

import com.verk.server.events.EventType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The organization's webhooks as the list page shows them (read-only, organization-scoped). */
@Component
class WebhookList {

  /** One webhook as listed. */
  record Item(
      String id,
      String url,
      String description,
      List<String> events,
      boolean active,
      Long disabledAt,
      String disabledReason,
      long createdAt) {}

  private final JdbcClient jdbc;

  WebhookList(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The order of the event catalog (task, project, member, comment, file), as forms show it. */
  static List<String> catalogOrder(List<String> names) {
    return names.stream()
        .sorted(
            Comparator.comparingInt(
                (String n) ->
                    EventType.fromWireName(n).map(Enum::ordinal).orElse(Integer.MAX_VALUE)))
        .toList();
  }

  List<Item> all(String orgId) {
    Map<String, List<String>> events = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT webhook_id, event_type FROM webhook_events WHERE org_id = ? ORDER BY event_type")
        .param(orgId)
        .query(
            rs -> {
              events
                  .computeIfAbsent(rs.getString("webhook_id"), k -> new ArrayList<>())
                  .add(rs.getString("event_type"));
            });
    return jdbc.sql(
            "SELECT id, url, description, active, disabled_at, disabled_reason, created_at"
                + " FROM webhooks WHERE org_id = ? ORDER BY created_at, id")
        .param(orgId)
        .query(
            (rs, n) -> {
              long disabled = rs.getLong("disabled_at");
              Long disabledAt = rs.wasNull() ? null : disabled;
              String id = rs.getString("id");
              return new Item(
                  id,
                  rs.getString("url"),
                  rs.getString("description"),
                  catalogOrder(events.getOrDefault(id, List.of())),
                  rs.getBoolean("active"),
                  disabledAt,
                  rs.getString("disabled_reason"),
                  rs.getLong("created_at"));
            })
        .list();
  }
}
