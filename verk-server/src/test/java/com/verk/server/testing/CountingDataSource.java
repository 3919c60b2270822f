package com.verk.server.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * A DataSource that records every SQL statement prepared through it, so that a test can prove how
 * many statements a read takes (one per chart, two per page of events) rather than trust it.
 */
public final class CountingDataSource {

  private final List<String> statements = new CopyOnWriteArrayList<>();
  private final DataSource dataSource;

  public CountingDataSource(DataSource target) {
    this.dataSource =
        (DataSource)
            Proxy.newProxyInstance(
                DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                forward(
                    target,
                    (method, result) ->
                        method.getName().equals("getConnection")
                            ? connection((Connection) result)
                            : result));
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** The statements prepared since the last {@link #reset()}. */
  public List<String> statements() {
    return List.copyOf(statements);
  }

  public void reset() {
    statements.clear();
  }

  private Connection connection(Connection target) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              String name = method.getName();
              if ((name.equals("prepareStatement") || name.equals("prepareCall"))
                  && args != null
                  && args[0] instanceof String sql) {
                statements.add(sql);
              }
              if (name.equals("createStatement")) {
                statements.add("(statement)");
              }
              return invoke(target, method, args);
            });
  }

  private interface After {
    Object apply(Method method, Object result);
  }

  private static InvocationHandler forward(Object target, After after) {
    return (proxy, method, args) -> after.apply(method, invoke(target, method, args));
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
