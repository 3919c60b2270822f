package com.verk.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** Drives events through the public API: every task created publishes one task.created. */
final class Load {

  private Load() {}

  /** What a load run got back: the 201s (with their times) and how many calls failed. */
  record Outcome(
      List<VerkClient.Ack> acks,
      int failures,
      String firstError,
      long startNanos,
      long endNanos,
      int behind) {

    double seconds() {
      return (endNanos - startNanos) / 1e9;
    }

    double ackRate() {
      return acks.size() / Math.max(seconds(), 1e-9);
    }
  }

  /**
   * {@code clients} callers each creating tasks one after another (closed loop) until {@code count}
   * were sent or {@code limit} passed: the maximum rate the API sustains.
   */
  static Outcome closedLoop(
      VerkClient client, String key, String projectId, int clients, int count, Duration limit) {
    return closedLoop(client, key, projectId, clients, count, limit, new AtomicInteger());
  }

  /** As above, counting the 201s in {@code acknowledged} as they come. */
  static Outcome closedLoop(
      VerkClient client,
      String key,
      String projectId,
      int clients,
      int count,
      Duration limit,
      AtomicInteger acknowledged) {
    ConcurrentLinkedQueue<VerkClient.Ack> acks = new ConcurrentLinkedQueue<>();
    AtomicInteger issued = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    Thread[] threads = new Thread[clients];
    for (int t = 0; t < clients; t++) {
      threads[t] =
          new Thread(
              () -> {
                int i;
                while ((i = issued.getAndIncrement()) < count && System.nanoTime() < deadline) {
                  VerkClient.Ack ack = client.createTask(key, projectId, "bench task " + i);
                  if (ack.created()) {
                    acks.add(ack);
                    acknowledged.incrementAndGet();
                  } else {
                    failures.incrementAndGet();
                    if (errors.size() < 3) {
                      errors.add(ack.status() + " " + ack.error());
                    }
                  }
                }
              },
              "load-" + t);
      threads[t].start();
    }
    for (Thread t : threads) {
      join(t);
    }
    return new Outcome(
        List.copyOf(acks), failures.get(), errors.peek(), start, System.nanoTime(), 0);
  }

  /**
   * Open loop: request i is sent at start + i / rate whatever the previous answers, so a slow
   * server shows as latency instead of a lower rate. At most {@code maxOutstanding} unanswered;
   * sends that would exceed it are skipped and counted as {@code behind}.
   */
  static Outcome paced(
      VerkClient client,
      String key,
      String projectId,
      double ratePerSecond,
      int count,
      Duration limit,
      int maxOutstanding) {
    ConcurrentLinkedQueue<VerkClient.Ack> acks = new ConcurrentLinkedQueue<>();
    AtomicInteger failures = new AtomicInteger();
    ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    Semaphore outstanding = new Semaphore(maxOutstanding);
    CountDownLatch done = new CountDownLatch(count);
    long period = (long) (1e9 / ratePerSecond);
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    int behind = 0;
    for (int i = 0; i < count; i++) {
      long due = start + i * period;
      if (due > deadline) {
        for (int j = i; j < count; j++) {
          done.countDown();
        }
        break;
      }
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      if (!outstanding.tryAcquire()) {
        behind++;
        done.countDown();
        continue;
      }
      client.createTaskAsync(
          key,
          projectId,
          "paced task " + i,
          ack -> {
            if (ack.created()) {
              acks.add(ack);
            } else {
              failures.incrementAndGet();
              if (errors.size() < 3) {
                errors.add(ack.status() + " " + ack.error());
              }
            }
            outstanding.release();
            done.countDown();
          });
    }
    try {
      done.await(
          Math.max(1, (deadline - System.nanoTime()) / 1_000_000) + 30_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new Outcome(
        List.copyOf(acks), failures.get(), errors.peek(), start, System.nanoTime(), behind);
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
