package com.verk.server.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Plain JDBC reads of the shared database, for what the API does not show (leases, attempts). */
final class ClusterDatabase {

  private final String url;
  private final String user;

  ClusterDatabase(String url, String user) {
    this.url = url;
    this.user = user;
  }

  /** One row per result row, column label to value. */
  List<Map<String, Object>> rows(String sql, Object... args) {
    try (Connection c = DriverManager.getConnection(url, user, "");
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          Map<String, Object> row = new HashMap<>();
          for (int i = 1; i <= columns; i++) {
            row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  List<String> strings(String sql, Object... args) {
    return rows(sql, args).stream().map(r -> (String) r.values().iterator().next()).toList();
  }

  long count(String sql, Object... args) {
    return ((Number) rows(sql, args).get(0).values().iterator().next()).longValue();
  }
}
