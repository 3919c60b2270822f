package com.verk.server.delivery;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * The retry schedule: after a failed attempt number n (1-based within the current retry budget),
 * the next one is due {@code schedule[n-1]} after it. With the spec's six delays that is seven
 * attempts at most. Test deliveries are never retried.
 */
final class RetryPolicy {

  private final List<Duration> schedule;

  RetryPolicy(List<Duration> schedule) {
    for (Duration d : schedule) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("Retry delays must not be negative: " + schedule);
      }
    }
    this.schedule = List.copyOf(schedule);
  }

  int maxAttempts() {
    return schedule.size() + 1;
  }

  /**
   * When the next attempt is due after a failure, or empty when the budget is spent.
   *
   * @param attemptInBudget the number of the attempt that just failed, counted from 1 since the
   *     delivery was (re)queued
   */
  OptionalLong nextAttemptAt(int attemptInBudget, long failedAt, boolean test) {
    if (test || attemptInBudget > schedule.size()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(failedAt + schedule.get(attemptInBudget - 1).toMillis());
  }

  List<Duration> schedule() {
    return schedule;
  }
}
