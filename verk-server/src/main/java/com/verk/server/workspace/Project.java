package com.verk.server.workspace;

import com.verk.server.system.Pages;
import com.verk.server.system.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A project: a named group of tasks. */
record Project(
    String id, String name, String description, String creatorId, long createdAt, long updatedAt) {

  static final String COLUMNS = "id, name, description, creator_id, created_at, updated_at";

  static Project map(ResultSet rs, int row) throws SQLException {
    return new Project(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("creator_id"),
        rs.getLong("created_at"),
        rs.getLong("updated_at"));
  }

  /** The project.* event data, which is also the API representation. */
  Map<String, Object> data() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", id);
    data.put("name", name);
    data.put("description", description);
    data.put("creatorId", creatorId);
    data.put("createdAt", Times.iso(createdAt));
    data.put("updatedAt", Times.iso(updatedAt));
    return data;
  }

  Pages.Cursor cursor() {
    return new Pages.Cursor(createdAt, id);
  }
}
