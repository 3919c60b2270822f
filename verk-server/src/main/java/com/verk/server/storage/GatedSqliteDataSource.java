package com.verk.server.storage;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.sqlite.JDBC;

/** Opens SQLite connections whose writes queue on one {@link SqliteWriteGate}; pooled by Hikari. */
final class GatedSqliteDataSource implements DataSource {

  private final String url;
  private final SqliteWriteGate gate;
  private int loginTimeout;

  GatedSqliteDataSource(String url, SqliteWriteGate gate) {
    this.url = url;
    this.gate = gate;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return gate.wrap(JDBC.createConnection(url, new Properties()));
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {
    loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("Not a wrapper of " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
