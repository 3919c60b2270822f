package com.verk.server.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.JDBC;

/**
 * Copies the write-ahead log into the database file in the background.
 *
 * <p>By default SQLite checkpoints inside the commit that makes the log pass 1,000 pages: that
 * commit, an API call or the recorder, then writes thousands of pages and two fsyncs while it holds
 * the write lock, and every other writer waits. Here the pools' connections checkpoint only as a
 * safety net (at {@link #SAFETY_NET_PAGES}), and this thread runs a {@code PASSIVE} checkpoint at a
 * steady interval on its own connection. A passive checkpoint never takes the write lock, so
 * writers keep committing while it runs; pages changed again and again between two checkpoints are
 * copied once.
 */
final class SqliteCheckpointer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SqliteCheckpointer.class);

  /** {@code wal_autocheckpoint} of the pooled connections: only if this thread falls behind. */
  static final int SAFETY_NET_PAGES = 20_000;

  private final String url;
  private final ScheduledExecutorService scheduler;
  private Connection connection;

  SqliteCheckpointer(String url, Duration interval) {
    this.url = url;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "verk-checkpoint");
              t.setDaemon(true);
              return t;
            });
    long ms = interval.toMillis();
    scheduler.scheduleWithFixedDelay(this::checkpointQuietly, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Runs one passive checkpoint; returns the log's size and how much of it is copied. */
  synchronized int[] checkpoint() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = JDBC.createConnection(url, new Properties());
    }
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      rs.next();
      return new int[] {rs.getInt(2), rs.getInt(3)};
    }
  }

  private void checkpointQuietly() {
    try {
      checkpoint();
    } catch (SQLException | RuntimeException e) {
      log.warn("Background checkpoint failed; the next one will try again: {}", e.getMessage());
      closeConnection();
    }
  }

  private synchronized void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // Reopened at the next checkpoint.
      }
      connection = null;
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeConnection();
  }
}
