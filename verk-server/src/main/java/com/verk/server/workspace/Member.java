package com.verk.server.workspace;

import com.verk.server.system.Pages;
import com.verk.server.system.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A person in an organization. Dashboard passwords are not managed through this API. */
public record Member(
    String id, String email, String name, String role, long createdAt, long updatedAt) {

  static final List<String> ROLES = com.verk.server.tenancy.RolePolicy.ROLES;
  static final String COLUMNS = "id, email, name, role, created_at, updated_at";

  static Member map(ResultSet rs, int row) throws SQLException {
    return new Member(
        rs.getString("id"),
        rs.getString("email"),
        rs.getString("name"),
        rs.getString("role"),
        rs.getLong("created_at"),
        rs.getLong("updated_at"));
  }

  /** The member.* event data. */
  Map<String, Object> data() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", id);
    data.put("email", email);
    data.put("name", name);
    data.put("role", role);
    return data;
  }

  /** The API representation: the event data plus timestamps. */
  Map<String, Object> view() {
    Map<String, Object> view = data();
    view.put("createdAt", Times.iso(createdAt));
    view.put("updatedAt", Times.iso(updatedAt));
    return view;
  }

  Pages.Cursor cursor() {
    return new Pages.Cursor(createdAt, id);
  }
}
