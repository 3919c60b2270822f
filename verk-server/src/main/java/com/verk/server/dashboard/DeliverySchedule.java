package com.verk.server.dashboard;

import com.verk.server.system.VerkProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The retry schedule and attempt timeout this server runs with ({@code verk.webhooks.*}), in words
 * for the troubleshooting text; templates call it as {@code @deliverySchedule}.
 */
@Component("deliverySchedule")
public class DeliverySchedule {

  private final List<Duration> retries;
  private final Duration timeout;

  @Autowired
  DeliverySchedule(VerkProperties properties) {
    this(properties.webhooks().retrySchedule(), properties.webhooks().timeout());
  }

  DeliverySchedule(List<Duration> retries, Duration timeout) {
    this.retries = List.copyOf(retries);
    this.timeout = timeout;
  }

  /** How many retries follow a failed first attempt. */
  public int retries() {
    return retries.size();
  }

  /**
   * When a delivery counts as failed for good, e.g. {@code still fails after its 6 retries (1 min
   * to 6 h apart)}.
   */
  public String exhausted() {
    if (retries.isEmpty()) {
      return "fails its only attempt (this server does not retry)";
    }
    Duration shortest = retries.stream().min(Duration::compareTo).orElseThrow();
    Duration longest = retries.stream().max(Duration::compareTo).orElseThrow();
    String apart =
        shortest.equals(longest)
            ? words(shortest) + " apart"
            : words(shortest) + " to " + words(longest) + " apart";
    return "still fails after its "
        + (retries.size() == 1 ? "1 retry" : retries.size() + " retries")
        + " ("
        + apart
        + ", "
        + words(total())
        + " in all)";
  }

  /** The attempt timeout in words, e.g. {@code 5 s}. */
  public String timeout() {
    return words(timeout);
  }

  /** The schedule itself, e.g. {@code 1 min, 5 min, 15 min, 1 h, 3 h, 6 h}. */
  public String schedule() {
    List<String> parts = new ArrayList<>();
    for (Duration d : retries) {
      parts.add(words(d));
    }
    return String.join(", ", parts);
  }

  private Duration total() {
    return retries.stream().reduce(Duration.ZERO, Duration::plus);
  }

  /** e.g. {@code 500 ms}, {@code 5 s}, {@code 1 min 30 s}, {@code 6 h}, {@code 1 d 2 h}. */
  static String words(Duration d) {
    if (d.isZero()) {
      return "0 s";
    }
    if (d.toMillis() < 1000) {
      return d.toMillis() + " ms";
    }
    if (d.toMillis() < 60_000 && d.toMillis() % 1000 != 0) {
      return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString()
          + " s";
    }
    List<String> parts = new ArrayList<>();
    long seconds = d.toSeconds();
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3600;
    long minutes = seconds % 3600 / 60;
    long secs = seconds % 60;
    if (days > 0) {
      parts.add(days + " d");
    }
    if (hours > 0) {
      parts.add(hours + " h");
    }
    if (minutes > 0) {
      parts.add(minutes + " min");
    }
    if (secs > 0) {
      parts.add(secs + " s");
    }
    return String.join(" ", parts);
  }
}
