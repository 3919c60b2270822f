package com.verk.server.delivery;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

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

  /** Binds text that came from a receiver: PostgreSQL text cannot hold NUL, so it is replaced. */
  static void setText(PreparedStatement ps, int index, String value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, storable(value));
    }
  }

  /** {@code value} as the text columns can hold it (no NUL, which PostgreSQL refuses), or null. */
  static String storable(String value) {
    return value == null ? null : value.replace('\u0000', '\uFFFD');
  }
}
