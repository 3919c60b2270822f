package com.verk.server.events;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documented shape of each event type's {@code data}: a JSON Schema and a sample. The samples
 * are what "Send Test" delivers, so a receiver can be tested against the real shape.
 */
public final class EventCatalog {

  /** One catalog entry. */
  public record Entry(EventType type, Map<String, Object> schema, Map<String, Object> sample) {}

  private static final String TS = "2024-01-15T10:30:00Z";
  private static final List<String> STATUSES = List.of("todo", "in_progress", "done");
  private static final List<String> PRIORITIES = List.of("low", "medium", "high", "urgent");
  private static final List<String> ROLES = List.of("owner", "admin", "member");
  private static final Map<EventType, Entry> ENTRIES = build();

  private EventCatalog() {}

  /** All entries in catalog order: the spec's fifteen, then the operational ones. */
  public static List<Entry> all() {
    return List.copyOf(ENTRIES.values());
  }

  public static Entry get(EventType type) {
    return ENTRIES.get(type);
  }

  private static Map<EventType, Entry> build() {
    Map<EventType, Entry> entries = new EnumMap<>(EventType.class);
    for (EventType type : EventType.values()) {
      List<Field> fields = fields(type);
      Map<String, Object> sample = new LinkedHashMap<>();
      Map<String, Object> properties = new LinkedHashMap<>();
      List<String> required = new ArrayList<>();
      for (Field f : fields) {
        sample.put(f.name, f.sample);
        properties.put(f.name, f.schema());
        required.add(f.name);
      }
      Map<String, Object> schema = new LinkedHashMap<>();
      schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
      schema.put("title", type.wireName() + " data");
      schema.put("type", "object");
      schema.put("properties", properties);
      schema.put("required", required);
      entries.put(type, new Entry(type, Map.copyOf(schema), sample));
    }
    return entries;
  }

  private static List<Field> fields(EventType type) {
    List<Field> fields = new ArrayList<>();
    switch (type.group()) {
      case "Task" -> fields.addAll(task(type));
      case "Project" -> fields.addAll(project());
      case "Member" -> fields.addAll(member(type));
      case "Comment" -> fields.addAll(comment());
      case "File" -> fields.addAll(file());
      case "Webhook" -> fields.addAll(webhook(type));
      default -> throw new IllegalStateException("Unknown group " + type.group());
    }
    if (type.wireName().endsWith(".deleted")) {
      fields.add(new Field("deletedAt", "date-time", TS, false));
    }
    if (type == EventType.MEMBER_REMOVED) {
      fields.add(new Field("removedAt", "date-time", TS, false));
    }
    return fields;
  }

  private static List<Field> task(EventType type) {
    boolean done = type == EventType.TASK_COMPLETED;
    List<Field> fields =
        new ArrayList<>(
            List.of(
                new Field("id", "string", "task_123", false),
                new Field("title", "string", "Implement login feature", false),
                new Field("description", "string", "OAuth with Google and GitHub", true),
                new Field("status", "string", done ? "done" : "todo", false, STATUSES),
                new Field("priority", "string", "high", false, PRIORITIES),
                new Field("projectId", "string", "proj_456", false),
                new Field("projectName", "string", "Website relaunch", false),
                new Field("assigneeId", "string", "user_790", true),
                new Field("assigneeName", "string", "Ada Lovelace", true),
                new Field("creatorId", "string", "user_789", false),
                new Field("dueDate", "date", "2024-02-01", true),
                new Field("createdAt", "date-time", TS, false),
                new Field("updatedAt", "date-time", TS, false),
                new Field("completedAt", "date-time", done ? TS : null, true)));
    if (type == EventType.TASK_UPDATED) {
      fields.add(
          new Field(
              "changes",
              "object",
              Map.of("priority", Map.of("from", "medium", "to", "high")),
              false));
    }
    return fields;
  }

  private static List<Field> project() {
    return List.of(
        new Field("id", "string", "proj_456", false),
        new Field("name", "string", "Website relaunch", false),
        new Field("description", "string", "New marketing site", true),
        new Field("creatorId", "string", "user_789", false),
        new Field("createdAt", "date-time", TS, false),
        new Field("updatedAt", "date-time", TS, false));
  }

  private static List<Field> member(EventType type) {
    List<Field> fields =
        new ArrayList<>(
            List.of(
                new Field("id", "string", "user_790", false),
                new Field("email", "string", "ada@example.com", false),
                new Field("name", "string", "Ada Lovelace", false),
                new Field("role", "string", "admin", false, ROLES)));
    if (type == EventType.MEMBER_ROLE_CHANGED) {
      fields.add(new Field("previousRole", "string", "member", false, ROLES));
    }
    return fields;
  }

  private static List<Field> comment() {
    return List.of(
        new Field("id", "string", "comment_321", false),
        new Field("taskId", "string", "task_123", false),
        new Field("authorId", "string", "user_789", false),
        new Field("body", "string", "Looks good to me!", false),
        new Field("createdAt", "date-time", TS, false),
        new Field("updatedAt", "date-time", TS, false));
  }

  private static List<Field> file() {
    return List.of(
        new Field("id", "string", "file_654", false),
        new Field("name", "string", "mockup.png", false),
        new Field("size", "integer", 48213, false),
        new Field("contentType", "string", "image/png", false),
        new Field("taskId", "string", "task_123", true),
        new Field("uploaderId", "string", "user_789", false),
        new Field("createdAt", "date-time", TS, false));
  }

  private static List<Field> webhook(EventType type) {
    String reason =
        switch (type) {
          case WEBHOOK_DISABLED ->
              "Disabled after delivery delivery_2Xb9kLmN4pQ7rS1t failed 7 attempts with no"
                  + " successful delivery since its first attempt; last error: HTTP 500";
          case WEBHOOK_RECOVERED -> "Delivered successfully again after a failing alert";
          default -> "No successful delivery for 1 hour while attempts fail";
        };
    boolean recovered = type == EventType.WEBHOOK_RECOVERED;
    return List.of(
        new Field("webhookId", "string", "webhook_2Xb9kLmN4pQ7rS1t", false),
        new Field("url", "string", "https://example.com/webhooks/verk", false),
        new Field("description", "string", "Production task sync", true),
        new Field("reason", "string", reason, false),
        new Field("lastError", "string", "HTTP 500", true),
        new Field("lastErrorAt", "date-time", TS, true),
        new Field("lastResponseStatus", "integer", 500, true),
        new Field("failedAttempts", "integer", recovered ? 0 : 4, false),
        new Field("failingDeliveries", "integer", recovered ? 0 : 1, false),
        new Field("lastSuccessAt", "date-time", recovered ? TS : null, true),
        new Field("disabledAt", "date-time", type == EventType.WEBHOOK_DISABLED ? TS : null, true));
  }

  private record Field(
      String name, String kind, Object sample, boolean nullable, List<String> values) {

    Field(String name, String kind, Object sample, boolean nullable) {
      this(name, kind, sample, nullable, List.of());
    }

    Map<String, Object> schema() {
      Map<String, Object> schema = new LinkedHashMap<>();
      String jsonType =
          switch (kind) {
            case "date", "date-time" -> "string";
            default -> kind;
          };
      schema.put("type", nullable ? List.of(jsonType, "null") : jsonType);
      if (kind.startsWith("date")) {
        schema.put("format", kind);
      }
      if (!values.isEmpty()) {
        schema.put("enum", values);
      }
      if (name.equals("changes")) {
        // One entry per task field that really changed: {"<field>": {"from": .., "to": ..}}.
        schema.put(
            "additionalProperties",
            Map.of(
                "type", "object",
                "properties", Map.of("from", Map.of(), "to", Map.of()),
                "required", List.of("from", "to")));
      }
      return schema;
    }
  }
}
