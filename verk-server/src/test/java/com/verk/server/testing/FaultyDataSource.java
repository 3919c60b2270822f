package com.verk.server.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that fails or interferes on command: the next statement whose SQL matches a
 * predicate throws (as a lost connection or a full disk would), or runs something first (a webhook
 * deleted between a claim and the load). Statements are matched when they are prepared.
 */
public final class FaultyDataSource implements DataSource {

  private record Rule(
      Predicate<String> sql, Runnable before, Supplier<SQLException> failure, int[] left) {}

  private final DataSource target;
  private final List<Rule> rules = new CopyOnWriteArrayList<>();

  public FaultyDataSource(DataSource target) {
    this.target = target;
  }

  /** The next {@code times} statements matching {@code sql} throw a lost connection's error. */
  public void failNext(Predicate<String> sql, int times) {
    failNext(sql, times, () -> new SQLException("injected failure", "08006"));
  }

  /** The next {@code times} statements matching {@code sql} throw what {@code failure} makes. */
  public void failNext(Predicate<String> sql, int times, Supplier<SQLException> failure) {
    rules.add(new Rule(sql, null, failure, new int[] {times}));
  }

  /** Forgets every rule not used up yet. */
  public void clear() {
    rules.clear();
  }

  /**
   * Before the next statement matching {@code sql}, runs {@code action} (on another connection).
   */
  public void beforeNext(Predicate<String> sql, Runnable action) {
    rules.add(new Rule(sql, action, null, new int[] {1}));
  }

  public static Predicate<String> containing(String fragment) {
    return sql -> sql.replaceAll("\\s+", " ").contains(fragment);
  }

  private void check(String sql) throws SQLException {
    for (Rule rule : rules) {
      if (!rule.sql().test(sql)) {
        continue;
      }
      synchronized (rule) {
        if (rule.left()[0] <= 0) {
          continue;
        }
        rule.left()[0]--;
      }
      if (rule.before() != null) {
        rule.before().run();
      }
      if (rule.failure() != null) {
        throw rule.failure().get();
      }
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(target.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return wrap(target.getConnection(username, password));
  }

  private Connection wrap(Connection connection) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          String name = method.getName();
          if ((name.equals("prepareStatement") || name.equals("prepareCall"))
              && args != null
              && args[0] instanceof String sql) {
            check(sql);
          }
          try {
            Object result = method.invoke(connection, args);
            if (name.equals("createStatement")) {
              return statement((java.sql.Statement) result);
            }
            return result;
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private java.sql.Statement statement(java.sql.Statement statement) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().startsWith("execute")
              && args != null
              && args[0] instanceof String s) {
            check(s);
          }
          try {
            return method.invoke(statement, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (java.sql.Statement)
        Proxy.newProxyInstance(
            java.sql.Statement.class.getClassLoader(),
            new Class<?>[] {java.sql.Statement.class},
            handler);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return target.isWrapperFor(iface);
  }
}
