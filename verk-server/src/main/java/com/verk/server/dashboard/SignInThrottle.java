package com.verk.server.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@link #MAX_FAILURES} wrong passwords for one address within
 * {@link #WINDOW}, that address cannot sign in until the window has passed. Kept in memory per
 * node, which is enough to make guessing impractical.
 */
final class SignInThrottle {

  static final int MAX_FAILURES = 10;
  static final Duration WINDOW = Duration.ofMinutes(15);
  private static final int MAX_TRACKED = 10_000;

  private final Clock clock;
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  SignInThrottle(Clock clock) {
    this.clock = clock;
  }

  /** Whether {@code email} has used up its attempts for now. */
  boolean locked(String email) {
    Deque<Long> times = failures.get(email);
    if (times == null) {
      return false;
    }
    synchronized (times) {
      prune(times);
      return times.size() >= MAX_FAILURES;
    }
  }

  void failed(String email) {
    if (failures.size() >= MAX_TRACKED) {
      // A flood of different addresses: forget the oldest state rather than grow without bound.
      failures.clear();
    }
    Deque<Long> times = failures.computeIfAbsent(email, e -> new ArrayDeque<>());
    synchronized (times) {
      prune(times);
      times.addLast(clock.millis());
    }
  }

  void succeeded(String email) {
    failures.remove(email);
  }

  private void prune(Deque<Long> times) {
    long oldest = clock.millis() - WINDOW.toMillis();
    while (!times.isEmpty() && times.peekFirst() < oldest) {
      times.removeFirst();
    }
  }
}
