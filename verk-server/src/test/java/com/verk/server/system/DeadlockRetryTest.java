package com.verk.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

class DeadlockRetryTest {

  private final SingleConnectionDataSource db =
      new SingleConnectionDataSource("jdbc:sqlite::memory:", true);
  private final TransactionTemplate tx =
      new TransactionTemplate(new DataSourceTransactionManager(db));

  @Test
  void a_deadlock_victim_runs_again_each_time_in_a_transaction_of_its_own() {
    AtomicInteger runs = new AtomicInteger();

    String result =
        DeadlockRetry.inTransaction(
            tx,
            3,
            () -> {
              assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isTrue();
              if (runs.incrementAndGet() < 3) {
                throw new CannotAcquireLockException("deadlock detected (40P01)");
              }
              return "deleted";
            });

    assertThat(result).isEqualTo("deleted");
    assertThat(runs).hasValue(3);
  }

  @Test
  void after_its_tries_the_deadlock_reaches_the_caller_and_other_failures_are_not_retried() {
    AtomicInteger runs = new AtomicInteger();
    assertThatThrownBy(
            () ->
                DeadlockRetry.inTransaction(
                    tx,
                    2,
                    () -> {
                      runs.incrementAndGet();
                      throw new CannotAcquireLockException("deadlock detected");
                    }))
        .isInstanceOf(CannotAcquireLockException.class);
    assertThat(runs).hasValue(2);

    AtomicInteger once = new AtomicInteger();
    assertThatThrownBy(
            () ->
                DeadlockRetry.inTransaction(
                    tx,
                    3,
                    () -> {
                      once.incrementAndGet();
                      throw new DataIntegrityViolationException("not a lock problem");
                    }))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThat(once).hasValue(1);
  }
}
