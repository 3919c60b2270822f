package com.verk.server.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Nullable numeric columns, read the same way on SQLite and PostgreSQL drivers. */
final class Rows {

  private Rows() {}

  static Long longOrNull(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  static Integer intOrNull(ResultSet rs, int column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }
}
