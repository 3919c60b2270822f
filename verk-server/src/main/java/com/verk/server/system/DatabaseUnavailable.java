package com.verk.server.system;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Tells a failure of the database itself (unreachable, restarting, out of connections, a disk that
 * cannot be written) or a transient conflict with concurrent work (a deadlock or serialization
 * failure the database resolved by rolling this transaction back) from a bug. Such a request was
 * not applied, and the client may try again: a 503 problem with {@code Retry-After}, never a 500.
 */
public final class DatabaseUnavailable {

  /** Seconds a client is asked to wait before trying again. */
  public static final int RETRY_AFTER_SECONDS = 5;

  private static final Set<SQLiteErrorCode> SQLITE_STORAGE_ERRORS =
      Set.of(
          SQLiteErrorCode.SQLITE_IOERR,
          SQLiteErrorCode.SQLITE_FULL,
          SQLiteErrorCode.SQLITE_CANTOPEN,
          SQLiteErrorCode.SQLITE_READONLY,
          SQLiteErrorCode.SQLITE_BUSY,
          SQLiteErrorCode.SQLITE_LOCKED,
          SQLiteErrorCode.SQLITE_CORRUPT,
          SQLiteErrorCode.SQLITE_NOTADB);

  private DatabaseUnavailable() {}

  public static boolean is(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      // A rollback that failed on a connection the database had dropped ("Connection is closed",
      // no SQL state) hides the failure that caused it as its application exception.
      if (t instanceof TransactionSystemException rollback
          && rollback.getApplicationException() != null
          && is(rollback.getApplicationException())) {
        return true;
      }
      if (t instanceof DataAccessResourceFailureException
          || t instanceof TransientDataAccessResourceException
          || t instanceof PessimisticLockingFailureException
          || t instanceof CannotCreateTransactionException
          || t instanceof SQLTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLiteException sqlite) {
        SQLiteErrorCode code = sqlite.getResultCode();
        // Extended codes (SQLITE_IOERR_WRITE, ...) share the primary code's low byte.
        if (code != null
            && SQLITE_STORAGE_ERRORS.stream().anyMatch(c -> c.code == (code.code & 0xff))) {
          return true;
        }
      } else if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        // 08: connection exceptions; 57P: PostgreSQL shutting down or restarting; 53: out of
        // resources (disk full, too many connections); 40: the transaction was rolled back to
        // resolve a deadlock (40P01) or a serialization failure (40001).
        if (state.startsWith("08")
            || state.startsWith("57P")
            || state.startsWith("53")
            || state.startsWith("40")) {
          return true;
        }
      }
    }
    return false;
  }

  public static ApiException problem() {
    return new ApiException(
        HttpStatus.SERVICE_UNAVAILABLE,
        "service_unavailable",
        "Service unavailable",
        "The database is unavailable; the request was not applied. Try again in a few seconds");
  }
}
