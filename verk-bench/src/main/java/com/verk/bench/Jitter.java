package com.verk.bench;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * A control for latency figures on a shared machine: a thread that asks to sleep 1 ms again and
 * again and records by how much each wake-up was late. When other processes hold the cores, it is
 * late by as much as any thread of the benchmark or the server would be, so a latency tail that
 * matches its tail is the machine's, not Verk's. Bounded: one sample per millisecond, at most
 * {@link #MAX_SAMPLES}.
 */
final class Jitter implements AutoCloseable {

  static final int MAX_SAMPLES = 600_000;

  private final long[] lateNanos = new long[MAX_SAMPLES];
  private final Thread thread;
  private volatile boolean running = true;
  private volatile int count;

  Jitter() {
    thread = new Thread(this::run, "jitter");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    long period = 1_000_000;
    int n = 0;
    while (running && n < MAX_SAMPLES) {
      long before = System.nanoTime();
      LockSupport.parkNanos(period);
      lateNanos[n++] = Math.max(0, System.nanoTime() - before - period);
      count = n;
    }
  }

  /** Milliseconds late at percentile {@code p} (0 to 100) of the samples so far. */
  double percentileMs(double p) {
    int n = count;
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      ms[i] = lateNanos[i] / 1e6;
    }
    return Stats.percentile(ms, p);
  }

  /** Wake-ups later than {@code ms} milliseconds. */
  long lateBeyond(double ms) {
    int n = count;
    return Arrays.stream(lateNanos, 0, n).filter(v -> v > ms * 1e6).count();
  }

  int samples() {
    return count;
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
