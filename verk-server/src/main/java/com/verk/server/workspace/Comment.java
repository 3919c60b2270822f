package com.verk.server.workspace;

import com.verk.server.system.Pages;
import com.verk.server.system.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A comment on a task. */
record Comment(
    String id, String taskId, String authorId, String body, long createdAt, long updatedAt) {

  static final String COLUMNS = "id, task_id, author_id, body, created_at, updated_at";

  static Comment map(ResultSet rs, int row) throws SQLException {
    return new Comment(
        rs.getString("id"),
        rs.getString("task_id"),
        rs.getString("author_id"),
        rs.getString("body"),
        rs.getLong("created_at"),
        rs.getLong("updated_at"));
  }

  /** The comment.* event data, which is also the API representation. */
  Map<String, Object> data() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", id);
    data.put("taskId", taskId);
    data.put("authorId", authorId);
    data.put("body", body);
    data.put("createdAt", Times.iso(createdAt));
    data.put("updatedAt", Times.iso(updatedAt));
    return data;
  }

  Pages.Cursor cursor() {
    return new Pages.Cursor(createdAt, id);
  }
}
