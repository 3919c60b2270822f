package com.verk.server.system;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a short transaction again when the database chose it as a deadlock's victim (or it timed out
 * on a lock): the database rolled it back whole, so running it again is safe. Used where a request
 * locks many rows that the delivery engine locks in another order (deleting a webhook while its
 * deliveries' outcomes are recorded); after {@code tries} the failure goes to the caller, which
 * answers 503 ({@link DatabaseUnavailable}).
 */
public final class DeadlockRetry {

  private static final Logger log = LoggerFactory.getLogger(DeadlockRetry.class);

  private DeadlockRetry() {}

  /** {@code work} in its own transaction of {@code tx}, tried at most {@code tries} times. */
  public static <T> T inTransaction(TransactionTemplate tx, int tries, Supplier<T> work) {
    if (tries < 1) {
      throw new IllegalArgumentException("tries must be at least 1");
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return tx.execute(status -> work.get());
      } catch (PessimisticLockingFailureException e) {
        if (attempt >= tries) {
          throw e;
        }
        log.info(
            "Transaction lost a deadlock or lock wait (try {} of {}); running it again",
            attempt,
            tries);
      }
    }
  }
}
