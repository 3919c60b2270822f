package com.verk.server.delivery;

import com.verk.server.system.DatabaseUnavailable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: outcomes queue up while one writer thread records as many as are waiting in a
 * single transaction. Under load that turns thousands of small commits into a few large ones.
 * Whatever happens to a batch, its deliveries leave {@link Holdings}: written, their leases are
 * gone; not written after three tries, their leases are no longer renewed, expire, and the
 * deliveries are sent again (at-least-once, never lost).
 */
final class Recorder implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Recorder.class);
  private static final int MAX_BATCH = 1000;
  private static final int TRIES = 3;

  private final OutcomeWriter writer;
  private final Holdings holdings;
  private final Duration patience;
  private final BlockingQueue<Attempt> queue = new LinkedBlockingQueue<>();
  private Thread thread;
  private volatile boolean running;

  /**
   * @param patience how long a batch is retried while the database is away (restarting,
   *     unreachable): within it the outcomes are recorded as soon as it is back, and nothing is
   *     sent twice; past it the leases expire and the deliveries are sent again
   */
  Recorder(OutcomeWriter writer, Holdings holdings, Duration patience) {
    this.writer = writer;
    this.holdings = holdings;
    this.patience = patience;
  }

  /** Starts the writer thread; after {@link #close()} it can be started again. */
  synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "verk-recorder");
    thread.setDaemon(true);
    thread.start();
  }

  void submit(Attempt attempt) {
    queue.add(attempt);
    synchronized (queue) {
      queue.notifyAll();
    }
  }

  /**
   * Waits until at least {@code n} outcomes are queued, at most {@code max}; for tests that drive
   * the engine step by step. Returns whether they are.
   */
  boolean awaitQueued(int n, java.time.Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    synchronized (queue) {
      while (queue.size() < n) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(queue, left);
      }
    }
    return true;
  }

  int backlog() {
    return queue.size();
  }

  /**
   * Records everything queued now, in the caller's thread; what the writer thread does in a loop,
   * and what a test calls to run the record step by hand. Returns how many were taken.
   */
  int drain() {
    List<Attempt> batch = new ArrayList<>();
    queue.drainTo(batch, MAX_BATCH);
    if (!batch.isEmpty()) {
      record(batch);
    }
    return batch.size();
  }

  private void run() {
    while (running || !queue.isEmpty()) {
      try {
        Attempt first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        List<Attempt> batch = new ArrayList<>();
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        record(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        log.error("Recorder failed; continuing", e);
      }
    }
  }

  private void record(List<Attempt> batch) {
    long giveUpAt = System.nanoTime() + patience.toNanos();
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          writer.write(batch);
          return;
        } catch (RuntimeException e) {
          boolean away = DatabaseUnavailable.is(e) && System.nanoTime() < giveUpAt;
          if (attempt >= TRIES && !away) {
            log.error(
                "Could not record {} delivery outcomes; their leases will expire and they will be"
                    + " sent again",
                batch.size(),
                e);
            return;
          }
          log.warn(
              "Recording {} outcomes failed (try {}), retrying: {}",
              batch.size(),
              attempt,
              e.toString());
          backOff(attempt);
        }
      }
    } finally {
      holdings.letGo(batch.stream().map(a -> a.job().deliveryId()).toList());
    }
  }

  private static void backOff(int attempt) {
    try {
      // a busy or restarting database gets a moment before the retry
      Thread.sleep(Math.min(1_000L, 100L * attempt));
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
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
