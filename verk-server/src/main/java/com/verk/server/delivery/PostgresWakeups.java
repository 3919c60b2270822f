package com.verk.server.delivery;

import com.verk.server.events.DeliveryWakeup;
import com.verk.server.events.EventPublisher;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster wake-ups on PostgreSQL: LISTEN on the outbox's channel and wake the local dispatcher
 * whenever any node commits new deliveries. One dedicated connection (not from the pool, which
 * would reset it); reconnects after a failure. The poll interval stays the safety net.
 */
final class PostgresWakeups implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PostgresWakeups.class);

  /** Opens a new connection outside the pool. */
  @FunctionalInterface
  interface Connector {
    Connection open() throws SQLException;
  }

  private final Connector connector;
  private final DeliveryWakeup wakeup;
  private final Duration checkAfter;
  private final Duration networkTimeout;
  private Thread thread;
  private volatile boolean running;
  private volatile Connection connection;
  private volatile boolean listening;

  PostgresWakeups(Connector connector, DeliveryWakeup wakeup) {
    this(connector, wakeup, Duration.ofSeconds(15), Duration.ofSeconds(10));
  }

  /**
   * A connection whose server vanished without closing it (a failover, a dropped NAT entry) would
   * otherwise wait for notifications forever while health says "connected": after {@code
   * checkAfter} without a notification the listener runs a query, and a reply that does not come
   * within {@code networkTimeout} counts as a lost connection.
   */
  PostgresWakeups(
      Connector connector, DeliveryWakeup wakeup, Duration checkAfter, Duration networkTimeout) {
    this.connector = connector;
    this.wakeup = wakeup;
    this.checkAfter = checkAfter;
    this.networkTimeout = networkTimeout;
  }

  synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "verk-listen");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      try (Connection c = connector.open()) {
        connection = c;
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + EventPublisher.CHANNEL);
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        c.setNetworkTimeout(Runnable::run, (int) networkTimeout.toMillis());
        listening = true;
        wakeup.wake(); // anything committed while we were not listening
        long quietSince = System.nanoTime();
        while (running) {
          PGNotification[] notifications = pg.getNotifications(1_000);
          if (notifications != null && notifications.length > 0) {
            wakeup.wake();
            quietSince = System.nanoTime();
          } else if (System.nanoTime() - quietSince > checkAfter.toNanos()) {
            try (Statement s = c.createStatement()) {
              s.execute("SELECT 1");
            }
            quietSince = System.nanoTime();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (running) {
          log.warn("LISTEN {} failed; reconnecting in 1 s", EventPublisher.CHANNEL, e);
          pause(Duration.ofSeconds(1));
        }
      } finally {
        listening = false;
        connection = null;
      }
    }
  }

  /** Whether LISTEN is in place now (for health); false while reconnecting. */
  boolean listening() {
    return listening;
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis()); // back off before reconnecting to the database
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    Connection c = connection;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // closing to unblock the listener; nothing else to do
      }
    }
    try {
      thread.join(3_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
