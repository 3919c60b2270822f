package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Another node's committed NOTIFY wakes this node's dispatcher; a rolled-back one does not. */
class PostgresWakeupsTest {

  @Test
  void a_committed_notify_wakes_the_dispatcher_and_a_rolled_back_one_does_not() throws Exception {
    try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
      Semaphore wakes = new Semaphore(0);
      PostgresWakeups listener =
          new PostgresWakeups(
              () -> DriverManager.getConnection(db.url(), db.user(), ""), wakes::release);
      listener.start();
      try (Connection other = DriverManager.getConnection(db.url(), db.user(), "")) {
        assertThat(wakes.tryAcquire(10, TimeUnit.SECONDS)).as("wake after LISTEN").isTrue();
        other.setAutoCommit(false);
        try (Statement s = other.createStatement()) {
          s.execute("SELECT pg_notify('verk_deliveries', '')");
          other.rollback();
          s.execute("SELECT pg_notify('verk_deliveries', '')");
          other.commit();
        }

        assertThat(wakes.tryAcquire(10, TimeUnit.SECONDS)).as("wake after commit").isTrue();
        assertThat(wakes.tryAcquire(1_500, TimeUnit.MILLISECONDS)).as("only one wake").isFalse();
      } finally {
        listener.close();
      }
    }
  }
}
