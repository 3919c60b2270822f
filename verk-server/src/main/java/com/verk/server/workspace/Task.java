package com.verk.server.workspace;

import com.verk.server.system.Pages;
import com.verk.server.system.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A task with the names of its project and assignee, as events and the API show it. */
record Task(
    String id,
    String title,
    String description,
    String status,
    String priority,
    String projectId,
    String projectName,
    String assigneeId,
    String assigneeName,
    String creatorId,
    String dueDate,
    long createdAt,
    long updatedAt,
    Long completedAt) {

  static final List<String> STATUSES = List.of("todo", "in_progress", "done");
  static final List<String> PRIORITIES = List.of("low", "medium", "high", "urgent");

  /** The fields a PATCH may change, in the order "changes" reports them. */
  static final List<String> EDITABLE =
      List.of("title", "description", "status", "priority", "projectId", "assigneeId", "dueDate");

  static final String SELECT =
      "SELECT t.id, t.title, t.description, t.status, t.priority, t.project_id,"
          + " p.name AS project_name, t.assignee_id, m.name AS assignee_name, t.creator_id,"
          + " t.due_date, t.created_at, t.updated_at, t.completed_at"
          + " FROM tasks t JOIN projects p ON p.id = t.project_id"
          + " LEFT JOIN members m ON m.id = t.assignee_id";

  static Task map(ResultSet rs, int row) throws SQLException {
    long completed = rs.getLong("completed_at");
    Long completedAt = rs.wasNull() ? null : completed;
    return new Task(
        rs.getString("id"),
        rs.getString("title"),
        rs.getString("description"),
        rs.getString("status"),
        rs.getString("priority"),
        rs.getString("project_id"),
        rs.getString("project_name"),
        rs.getString("assignee_id"),
        rs.getString("assignee_name"),
        rs.getString("creator_id"),
        rs.getString("due_date"),
        rs.getLong("created_at"),
        rs.getLong("updated_at"),
        completedAt);
  }

  /** The value of an editable field, for computing "changes". */
  Object field(String name) {
    return switch (name) {
      case "title" -> title;
      case "description" -> description;
      case "status" -> status;
      case "priority" -> priority;
      case "projectId" -> projectId;
      case "assigneeId" -> assigneeId;
      case "dueDate" -> dueDate;
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** The task.* event data, which is also the API representation. */
  Map<String, Object> data() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", id);
    data.put("title", title);
    data.put("description", description);
    data.put("status", status);
    data.put("priority", priority);
    data.put("projectId", projectId);
    data.put("projectName", projectName);
    data.put("assigneeId", assigneeId);
    data.put("assigneeName", assigneeName);
    data.put("creatorId", creatorId);
    data.put("dueDate", dueDate);
    data.put("createdAt", Times.iso(createdAt));
    data.put("updatedAt", Times.iso(updatedAt));
    data.put("completedAt", Times.isoOrNull(completedAt));
    return data;
  }

  Pages.Cursor cursor() {
    return new Pages.Cursor(createdAt, id);
  }
}
