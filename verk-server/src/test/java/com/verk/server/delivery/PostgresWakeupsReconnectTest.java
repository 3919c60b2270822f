package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.PostgresTestDatabase;
import com.verk.server.testing.TcpProxy;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** A node whose LISTEN connection is cut (failover, idle kill) reconnects and is woken again. */
class PostgresWakeupsReconnectTest {

  @Test
  void a_dropped_listen_connection_is_reported_reconnected_and_wakes_again() throws Exception {
    try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
      Semaphore wakes = new Semaphore(0);
      PostgresWakeups listener =
          new PostgresWakeups(
              () -> DriverManager.getConnection(db.url(), db.user(), ""), wakes::release);
      assertThat(listener.listening()).isFalse();
      listener.start();
      try (Connection other = DriverManager.getConnection(db.url(), db.user(), "")) {
        assertThat(wakes.tryAcquire(10, TimeUnit.SECONDS)).as("wake after LISTEN").isTrue();
        assertThat(listener.listening()).isTrue();

        try (PreparedStatement kill =
            other.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = ? AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()")) {
          kill.setString(1, db.name());
          try (ResultSet rs = kill.executeQuery()) {
            assertThat(rs.next()).as("the listener's backend was found").isTrue();
          }
        }

        assertThat(wakes.tryAcquire(15, TimeUnit.SECONDS))
            .as("wake after reconnecting (work may have been committed meanwhile)")
            .isTrue();
        await(listener::listening);
        try (Statement s = other.createStatement()) {
          s.execute("SELECT pg_notify('verk_deliveries', '')");
        }
        assertThat(wakes.tryAcquire(10, TimeUnit.SECONDS)).as("wake by NOTIFY again").isTrue();
      } finally {
        listener.close();
      }
      assertThat(listener.listening()).isFalse();
    }
  }

  @Test
  void a_listen_connection_whose_server_went_silent_is_detected_and_replaced() throws Exception {
    URI server = URI.create(PostgresTestDatabase.SERVER.substring("jdbc:".length()));
    try (PostgresTestDatabase db = PostgresTestDatabase.create();
        TcpProxy proxy = new TcpProxy(server.getHost(), server.getPort())) {
      AtomicInteger connections = new AtomicInteger();
      Semaphore wakes = new Semaphore(0);
      PostgresWakeups listener =
          new PostgresWakeups(
              () ->
                  DriverManager.getConnection(
                      connections.getAndIncrement() == 0
                          ? "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db.name()
                          : db.url(),
                      db.user(),
                      ""),
              wakes::release,
              Duration.ofMillis(500),
              Duration.ofSeconds(1));
      listener.start();
      try (Connection other = DriverManager.getConnection(db.url(), db.user(), "")) {
        assertThat(wakes.tryAcquire(10, TimeUnit.SECONDS)).as("wake after LISTEN").isTrue();

        proxy.freeze();

        assertThat(wakes.tryAcquire(20, TimeUnit.SECONDS))
            .as("wake after the silent connection was replaced")
            .isTrue();
        assertThat(connections.get()).isEqualTo(2);
        await(listener::listening);
        try (Statement s = other.createStatement()) {
          s.execute("SELECT pg_notify('verk_deliveries', '')");
        }
        assertThat(wakes.tryAcquire(10, TimeUnit.SECONDS)).as("wake by NOTIFY again").isTrue();
      } finally {
        listener.close();
      }
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(20); // polling with a deadline
    }
  }
}
