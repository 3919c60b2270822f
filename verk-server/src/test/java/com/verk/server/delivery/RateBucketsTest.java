package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rate limit's arithmetic ({@link RateBuckets#decide}), driven by a simulated stream of claims
 * at random times asking for random numbers of sends: the sends granted in any one second never
 * exceed the limit plus one pass's burst, the limit is reached when there is demand, and deliveries
 * that wait get distinct times one interval apart, never before the bucket has room.
 */
class RateBucketsTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 10, 20, 100, 1000, 10_000})
  void any_second_holds_at_most_the_limit_plus_one_burst_and_demand_reaches_the_limit(int rate) {
    Random random = new Random(rate);
    RateBuckets.State state = new RateBuckets.State(0, 0);
    long now = 1_700_000_000_000L;
    long end = now + 10_000;
    List<Long> sends = new ArrayList<>();
    while (now < end) {
      int wanted = 1 + random.nextInt(Math.max(1, rate / 5) + 3);
      RateBuckets.Grant grant = RateBuckets.decide(state, rate, wanted, now);
      for (int i = 0; i < grant.granted(); i++) {
        sends.add(now);
      }
      assertThat(grant.waitUntil()).hasSize(wanted - grant.granted());
      for (int i = 0; i < grant.waitUntil().size(); i++) {
        long at = grant.waitUntil().get(i);
        assertThat(at * 1000).isGreaterThanOrEqualTo(grant.after().nextSendUs() - 1000);
        if (i > 0) {
          assertThat(at - grant.waitUntil().get(i - 1))
              .isBetween(0L, RateBuckets.intervalUs(rate) / 1000 + 1);
        }
      }
      state = grant.after();
      now += random.nextInt(30); // claims every 0 to 30 ms
    }

    int limit = rate + RateBuckets.burst(rate);
    int j = 0;
    for (int i = 0; i < sends.size(); i++) {
      while (sends.get(i) - sends.get(j) >= 1000) {
        j++;
      }
      assertThat(i - j + 1)
          .as("sends in the second ending at %d", sends.get(i))
          .isLessThanOrEqualTo(limit);
    }
    assertThat(sends.size()).as("10 s of demand").isGreaterThanOrEqualTo((int) (rate * 10 * 0.95));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 10_000})
  void an_idle_bucket_lets_one_burst_leave_and_then_spaces_sends_one_interval_apart(int rate) {
    long now = 1_700_000_000_000L;
    RateBuckets.Grant first = RateBuckets.decide(new RateBuckets.State(0, 0), rate, 100_000, now);

    assertThat(first.granted()).isEqualTo(Math.min(100_000, RateBuckets.burst(rate)));
    assertThat(first.waitUntil().get(0) * 1000)
        .isGreaterThanOrEqualTo(
            now * 1000 + RateBuckets.burst(rate) * RateBuckets.intervalUs(rate));
    assertThat(first.waitUntil().get(first.waitUntil().size() - 1))
        .as("never placed more than an hour after the next send")
        .isLessThanOrEqualTo(first.after().nextSendUs() / 1000 + 3_600_000L + 1);
  }
}
