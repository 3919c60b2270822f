package com.verk.server.storage;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteConnectionConfig;

/**
 * One fair, first-come first-served queue in front of SQLite's single writer.
 *
 * <p>SQLite lets one connection write at a time. Without this gate, a connection that finds the
 * write lock taken sleeps in SQLite's busy handler (1, 2, 5 … 100 ms) and tries again: the lock
 * often sits free while waiters sleep, and a waiter can lose to newcomers again and again. Under a
 * burst of API calls the delivery engine's claims and outcome writes starved that way for seconds.
 * With the gate, writers of this process wait in arrival order and the next one starts the moment
 * the previous one commits.
 *
 * <p>What takes the gate, on connections from {@link #wrap(Connection)}:
 *
 * <ul>
 *   <li>a transaction, from {@code setAutoCommit(false)} (SQLite's {@code BEGIN IMMEDIATE}) to
 *       {@code setAutoCommit(true)} or {@code close()};
 *   <li>a statement run outside a transaction, unless it only reads ({@code SELECT}), for the
 *       duration of the statement.
 * </ul>
 *
 * <p>A read-only transaction ({@code setReadOnly(true)} first, as Spring does for {@code readOnly =
 * true}) starts {@code DEFERRED} instead and takes no gate: in WAL mode readers never block writers
 * or each other. (sqlite-jdbc refuses {@code setReadOnly} on an open connection, so the wrapper
 * keeps the flag itself.)
 *
 * <p>The gate serves only this process; SQLite's own {@code busy_timeout} still guards against
 * others (an operator's {@code sqlite3} shell). A writer that waits longer than the busy timeout
 * fails as SQLite would have, with an exception instead of waiting forever.
 */
public final class SqliteWriteGate {

  private static final List<String> READ_ONLY_KEYWORDS = List.of("select", "explain");

  private final Semaphore permit = new Semaphore(1, true);
  private final long timeoutMillis;

  public SqliteWriteGate(Duration timeout) {
    this.timeoutMillis = timeout.toMillis();
  }

  /** Wraps a physical SQLite connection so that its writes queue on this gate. */
  public Connection wrap(Connection sqlite) {
    GatedConnection handler = new GatedConnection(sqlite);
    handler.self =
        (Connection)
            Proxy.newProxyInstance(
                SqliteWriteGate.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    return handler.self;
  }

  /** Writers waiting for the gate now (for tests and metrics). */
  public int queueLength() {
    return permit.getQueueLength();
  }

  void acquire() throws SQLException {
    try {
      if (!permit.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
        throw new SQLTimeoutException(
            "The database stayed busy for " + timeoutMillis + " ms (SQLite write queue)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("Interrupted while waiting to write to SQLite", e);
    }
  }

  void release() {
    permit.release();
  }

  /** Whether {@code sql} only reads, judged by its first keyword. */
  static boolean readsOnly(String sql) {
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        break;
      }
    }
    int end = i;
    while (end < n && Character.isLetter(sql.charAt(end))) {
      end++;
    }
    for (String keyword : READ_ONLY_KEYWORDS) {
      if (end - i == keyword.length() && sql.regionMatches(true, i, keyword, 0, end - i)) {
        return true;
      }
    }
    return false;
  }

  private final class GatedConnection implements InvocationHandler {

    private final Connection target;
    // The proxy itself: statements hand out the connection they came from.
    private Connection self;
    private boolean readOnly;
    // True while this connection holds the gate for a transaction.
    private boolean holding;
    // The transaction mode to go back to after a read-only (deferred) transaction.
    private SQLiteConfig.TransactionMode writeMode;

    GatedConnection(Connection target) {
      this.target = target;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "setAutoCommit":
          setAutoCommit((Boolean) args[0]);
          return null;
        case "setReadOnly":
          // Takes effect at the next transaction (a pool may reset it before autocommit).
          readOnly = (Boolean) args[0];
          return null;
        case "isReadOnly":
          return readOnly;
        case "close":
          try {
            return call(method, args);
          } finally {
            releaseIfHolding();
          }
        case "createStatement":
          return statement((Statement) call(method, args), Statement.class, null);
        case "prepareStatement":
          return statement(
              (Statement) call(method, args), PreparedStatement.class, (String) args[0]);
        default:
          return call(method, args);
      }
    }

    private void setAutoCommit(boolean autoCommit) throws SQLException {
      if (autoCommit == target.getAutoCommit()) {
        return;
      }
      if (!autoCommit) {
        if (readOnly) {
          SQLiteConnectionConfig config = sqlite().getConnectionConfig();
          writeMode = config.getTransactionMode();
          config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
          try {
            target.setAutoCommit(false);
          } catch (SQLException | RuntimeException e) {
            restoreWriteMode();
            throw e;
          }
          return;
        }
        acquire();
        holding = true;
        try {
          target.setAutoCommit(false);
        } catch (SQLException | RuntimeException e) {
          releaseIfHolding();
          throw e;
        }
        return;
      }
      try {
        target.setAutoCommit(true);
      } finally {
        restoreWriteMode();
        // If the final commit failed SQLite rolls back; either way the connection stops writing.
        releaseIfHolding();
      }
    }

    private void restoreWriteMode() throws SQLException {
      if (writeMode != null) {
        sqlite().getConnectionConfig().setTransactionMode(writeMode);
        writeMode = null;
      }
    }

    private void releaseIfHolding() {
      if (holding) {
        holding = false;
        release();
      }
    }

    private SQLiteConnection sqlite() throws SQLException {
      return target.unwrap(SQLiteConnection.class);
    }

    private Object statement(Statement statement, Class<?> type, String preparedSql) {
      // A prepared statement's SQL is known now; a plain statement's comes with each execute.
      boolean preparedWrites = preparedSql == null || !readsOnly(preparedSql);
      return Proxy.newProxyInstance(
          SqliteWriteGate.class.getClassLoader(),
          new Class<?>[] {type},
          (proxy, method, args) -> {
            if (!method.getName().startsWith("execute")) {
              return method.getName().equals("getConnection")
                  ? self
                  : invokeOn(statement, method, args);
            }
            boolean writes =
                args != null && args.length > 0 && args[0] instanceof String sql
                    ? !readsOnly(sql)
                    : preparedWrites;
            boolean gate = writes && !holding && !readOnly && target.getAutoCommit();
            if (!gate) {
              return invokeOn(statement, method, args);
            }
            acquire();
            try {
              return invokeOn(statement, method, args);
            } finally {
              release();
            }
          });
    }

    private Object call(Method method, Object[] args) throws Throwable {
      return invokeOn(target, method, args);
    }
  }

  private static Object invokeOn(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
