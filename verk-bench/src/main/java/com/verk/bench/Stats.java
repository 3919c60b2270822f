package com.verk.bench;

import java.util.Arrays;

/** Percentiles and rates over measured samples. */
final class Stats {

  private Stats() {}

  /** p in [0,100], nearest-rank on a sorted copy. */
  static double percentile(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
  }

  /**
   * Sustained rate from sorted arrival times: the arrivals between the 10th and 90th percentile
   * divided by the time between them, so warm-up and the tail do not count.
   */
  static double sustainedRate(long[] sortedArrivals) {
    int n = sortedArrivals.length;
    if (n < 20) {
      return Double.NaN;
    }
    int lo = n / 10;
    int hi = n - n / 10 - 1;
    double seconds = (sortedArrivals[hi] - sortedArrivals[lo]) / 1e9;
    return (hi - lo) / Math.max(seconds, 1e-9);
  }

  /** Count over the whole span from {@code startNanos} to the last arrival. */
  static double overallRate(long[] sortedArrivals, long startNanos) {
    if (sortedArrivals.length == 0) {
      return 0;
    }
    double seconds = (sortedArrivals[sortedArrivals.length - 1] - startNanos) / 1e9;
    return sortedArrivals.length / Math.max(seconds, 1e-9);
  }
}
