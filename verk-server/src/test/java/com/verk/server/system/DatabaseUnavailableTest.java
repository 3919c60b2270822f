package com.verk.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures are the database's (503) and which are bugs (500). */
class DatabaseUnavailableTest {

  @Test
  void a_failed_rollback_after_a_dropped_connection_is_the_databases() {
    // The first statement of a transaction on a connection PostgreSQL had dropped, then the
    // rollback on the pool's closed connection: Spring throws the rollback's failure.
    TransactionSystemException rollback =
        new TransactionSystemException(
            "JDBC rollback failed", new SQLException("Connection is closed"));
    rollback.initApplicationException(
        new DataAccessResourceFailureException(
            "I/O error", new SQLException("An I/O error occurred", "08006")));

    assertThat(DatabaseUnavailable.is(rollback)).isTrue();
  }

  @Test
  void a_failed_rollback_after_a_bug_is_not() {
    TransactionSystemException rollback =
        new TransactionSystemException(
            "JDBC rollback failed", new SQLException("Connection is closed"));
    rollback.initApplicationException(new IllegalStateException("a bug"));

    assertThat(DatabaseUnavailable.is(rollback)).isFalse();
    assertThat(DatabaseUnavailable.is(new SQLException("Connection is closed"))).isFalse();
  }

  @Test
  void a_deadlock_or_serialization_failure_is_transient_not_a_bug() {
    // PostgreSQL resolves a deadlock by rolling one transaction back (seen: a webhook's cascading
    // delete against the engine recording its deliveries): nothing was applied, try again.
    assertThat(DatabaseUnavailable.is(new SQLException("deadlock detected", "40P01"))).isTrue();
    assertThat(DatabaseUnavailable.is(new SQLException("could not serialize", "40001"))).isTrue();
    assertThat(
            DatabaseUnavailable.is(
                new org.springframework.dao.CannotAcquireLockException(
                    "deadlock", new SQLException("deadlock detected", "40P01"))))
        .isTrue();
    assertThat(DatabaseUnavailable.is(new SQLException("unique violation", "23505"))).isFalse();
  }
}
