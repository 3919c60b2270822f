package com.verk.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every {@link DeliveryDeduplicator} must do; one subclass per implementation. */
abstract class DeliveryDeduplicatorContract {

  static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(5);

  final MutableClock clock = new MutableClock(Instant.parse("2024-01-15T10:30:00Z"));

  /** A deduplicator with {@link #CLAIM_TIMEOUT} on {@link #clock}. */
  abstract DeliveryDeduplicator deduplicator();

  @Test
  void a_delivery_is_first_time_once() {
    DeliveryDeduplicator dedup = deduplicator();
    assertThat(dedup.firstTime("delivery_a")).isTrue();
    assertThat(dedup.firstTime("delivery_a")).isFalse();
    assertThat(dedup.firstTime("delivery_b")).isTrue();
  }

  @Test
  void a_claimed_delivery_cannot_be_claimed_again_until_released() {
    DeliveryDeduplicator dedup = deduplicator();
    assertThat(dedup.tryClaim("delivery_a")).isTrue();
    assertThat(dedup.tryClaim("delivery_a")).isFalse();
    dedup.release("delivery_a");
    assertThat(dedup.tryClaim("delivery_a")).isTrue();
  }

  @Test
  void a_completed_delivery_stays_processed_even_if_released_or_after_the_claim_timeout() {
    DeliveryDeduplicator dedup = deduplicator();
    assertThat(dedup.tryClaim("delivery_a")).isTrue();
    dedup.complete("delivery_a");
    dedup.release("delivery_a");
    clock.advance(CLAIM_TIMEOUT.multipliedBy(10));
    assertThat(dedup.tryClaim("delivery_a")).isFalse();
  }

  @Test
  void an_abandoned_claim_can_be_taken_over_after_the_claim_timeout() {
    DeliveryDeduplicator dedup = deduplicator();
    assertThat(dedup.tryClaim("delivery_a")).isTrue();
    clock.advance(CLAIM_TIMEOUT.minusSeconds(1));
    assertThat(dedup.tryClaim("delivery_a")).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(dedup.tryClaim("delivery_a")).isTrue();
    assertThat(dedup.tryClaim("delivery_a")).isFalse();
  }

  @Test
  void process_once_runs_the_work_once_and_not_for_a_duplicate() throws Exception {
    DeliveryDeduplicator dedup = deduplicator();
    AtomicInteger runs = new AtomicInteger();
    assertThat(dedup.processOnce("delivery_a", runs::incrementAndGet)).isTrue();
    assertThat(dedup.processOnce("delivery_a", runs::incrementAndGet)).isFalse();
    assertThat(runs).hasValue(1);
  }

  @Test
  void a_delivery_whose_processing_failed_is_processed_again_on_retry() throws Exception {
    DeliveryDeduplicator dedup = deduplicator();
    assertThatThrownBy(
            () ->
                dedup.processOnce(
                    "delivery_a",
                    () -> {
                      throw new IllegalStateException("database down");
                    }))
        .hasMessage("database down");
    AtomicInteger runs = new AtomicInteger();
    assertThat(dedup.processOnce("delivery_a", runs::incrementAndGet)).isTrue();
    assertThat(runs).hasValue(1);
  }

  @Test
  void of_concurrent_claims_of_one_delivery_exactly_one_wins() throws Exception {
    DeliveryDeduplicator dedup = deduplicator();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<Boolean> claim =
            () -> {
              start.await();
              return dedup.tryClaim("delivery_race");
            };
        results.add(pool.submit(claim));
      }
      start.countDown();
      int winners = 0;
      for (Future<Boolean> result : results) {
        winners += result.get() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void a_blank_delivery_id_is_rejected() {
    assertThatThrownBy(() -> deduplicator().tryClaim(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
