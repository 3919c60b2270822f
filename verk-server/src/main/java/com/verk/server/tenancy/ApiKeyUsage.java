package com.verk.server.tenancy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records {@code api_keys.last_used_at} off the request path.
 *
 * <p>The authenticator tells this component that a key was used (only when the key's stamp is a
 * minute old, {@link ApiKeyAuthenticator#LAST_USED_PRECISION}); the stamps wait in memory, the
 * latest per key, and a background thread writes all of them every {@code
 * verk.api-keys.last-used-flush-interval} (default {@link #DEFAULT_FLUSH_INTERVAL}) in one
 * transaction with a JDBC batch, and once more when the server shuts down. The {@code UPDATE} never
 * moves a stamp backwards (another node may have written a later one). A request therefore never
 * waits for this write, which on SQLite would queue on the single writer gate.
 *
 * <p>A flush that fails (database busy or down) logs one warning and puts its stamps back, keeping
 * a newer stamp recorded meanwhile, for the next flush. At most {@link #MAX_PENDING} keys wait
 * (counting those of a flush under way); beyond that the use of a key that is not already waiting
 * is not recorded ({@link #used} answers {@code false}, and the authenticator tries again on the
 * key's next request). A stamp is a hint with minute precision: stamps not yet written are lost if
 * the process dies, and the list of keys shows this node's waiting stamps at once (see {@link
 * #pending(String)}) and other nodes' ones after their next flush.
 */
@Component
class ApiKeyUsage implements InitializingBean, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ApiKeyUsage.class);

  static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(5);

  /** The most keys whose stamps wait at once (about 10 MB). */
  static final int MAX_PENDING = 100_000;

  static final String UPDATE =
      "UPDATE api_keys SET last_used_at = ? WHERE id = ?"
          + " AND (last_used_at IS NULL OR last_used_at < ?)";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Duration interval;
  private final int maxPending;
  private final ConcurrentHashMap<String, Long> pending = new ConcurrentHashMap<>();

  /** The stamps a flush took out of {@link #pending} and is writing; empty between flushes. */
  private volatile Map<String, Long> writing = Map.of();

  /** How many stamps {@link #writing} holds (its size, without counting a skip list). */
  private volatile int writingCount;

  private final AtomicLong skipped = new AtomicLong();
  private ScheduledExecutorService scheduler;

  @Autowired
  ApiKeyUsage(
      DataSource dataSource,
      @Value("${verk.api-keys.last-used-flush-interval:5s}") Duration interval) {
    this(dataSource, interval, MAX_PENDING);
  }

  /** Nothing is scheduled until {@link #start()}; tests call {@link #flush()} themselves. */
  ApiKeyUsage(DataSource dataSource, Duration interval, int maxPending) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(
          "verk.api-keys.last-used-flush-interval must be positive, was " + interval);
    }
    this.jdbc = new JdbcTemplate(dataSource);
    this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    this.interval = interval;
    this.maxPending = maxPending;
  }

  /**
   * Remembers that {@code keyId} was used at {@code at} (the latest stamp per key wins). Answers
   * {@code false} when the stamp was not kept because {@link #MAX_PENDING} keys already wait. Never
   * touches the database.
   */
  boolean used(String keyId, long at) {
    // Racy by design: concurrent first uses may pass the check together, so the bound can be
    // exceeded by the number of request threads at most.
    if (!pending.containsKey(keyId) && pending.size() + writingCount >= maxPending) {
      if (skipped.getAndIncrement() == 0) {
        log.warn(
            "{} API keys wait for their last-used stamp; further keys are not stamped until the"
                + " next flush",
            maxPending);
      }
      return false;
    }
    pending.merge(keyId, at, Math::max);
    return true;
  }

  /** The stamp of {@code keyId} this node has not written yet, or {@code null}. */
  Long pending(String keyId) {
    Long waiting = pending.get(keyId);
    Long inFlight = writing.get(keyId);
    if (waiting == null) {
      return inFlight;
    }
    return inFlight == null ? waiting : Math.max(waiting, inFlight);
  }

  /**
   * Writes every waiting stamp in one transaction. Answers {@code true} when they are written (or
   * none waited), {@code false} when the write failed: then the stamps wait again for the next
   * flush, and one warning is logged. Never throws a database error.
   */
  synchronized boolean flush() {
    if (pending.isEmpty()) {
      return true;
    }
    // Sorted by id: two nodes flushing the same keys lock their rows in the same order.
    // Published before the stamps move, so that pending(id) finds each one in one map or the other.
    ConcurrentSkipListMap<String, Long> batch = new ConcurrentSkipListMap<>();
    writing = batch;
    for (String id : pending.keySet()) {
      Long at = pending.get(id);
      if (at == null) {
        continue;
      }
      batch.put(id, at);
      writingCount++; // only this thread writes it (flush is synchronized)
      // A use after this goes into a new entry, for the next flush.
      pending.remove(id, at);
      // If a newer stamp came in between get and remove, it stays and is also written next time.
    }
    boolean written = false;
    try {
      List<Object[]> args = new ArrayList<>(batch.size());
      batch.forEach((id, at) -> args.add(new Object[] {at, id, at}));
      tx.executeWithoutResult(status -> jdbc.batchUpdate(UPDATE, args));
      written = true;
    } catch (RuntimeException e) {
      log.warn(
          "Could not record the last use of {} API keys; trying again at the next flush: {}",
          batch.size(),
          e.getMessage());
    } finally {
      if (!written) {
        // Every way out without a commit (an exception, an Error) gives the stamps back.
        batch.forEach((id, at) -> pending.merge(id, at, Math::max));
      }
      writing = Map.of();
      writingCount = 0;
    }
    if (written) {
      long lost = skipped.getAndSet(0);
      if (lost > 0) {
        log.warn("{} uses of API keys were not stamped: too many keys waited", lost);
      }
    }
    return written;
  }

  @Override
  public void afterPropertiesSet() {
    start();
  }

  /** Starts the periodic flush (Spring calls it; tests flush by hand). */
  synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "verk-key-usage");
              t.setDaemon(true);
              return t;
            });
    long ms = interval.toMillis();
    scheduler.scheduleWithFixedDelay(this::flushQuietly, ms, ms, TimeUnit.MILLISECONDS);
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      // flush() catches database errors itself; anything else must not end the schedule.
      log.warn("Flushing API key last-used stamps failed; the next flush tries again", e);
    }
  }

  /**
   * Stops the schedule and writes what still waits. Spring calls it after the web server has
   * stopped taking requests and before the connection pool closes (this bean depends on it).
   */
  @Override
  public void destroy() {
    close();
  }

  void close() {
    ScheduledExecutorService s;
    synchronized (this) {
      s = scheduler;
      scheduler = null;
    }
    if (s != null) {
      s.shutdown();
      try {
        s.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    flush();
  }

  /** A copy of the waiting stamps (tests). */
  Map<String, Long> snapshot() {
    return new HashMap<>(pending);
  }
}
