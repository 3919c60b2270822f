package com.verk.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

  private final MutableClock clock = MutableClock.fixed(Instant.parse("2024-01-15T10:30:00Z"));
  private final SignInThrottle throttle = new SignInThrottle(clock);

  @Test
  void an_address_is_locked_after_ten_failures_and_free_again_after_the_window() {
    for (int i = 0; i < SignInThrottle.MAX_FAILURES - 1; i++) {
      throttle.failed("a@example.com");
    }
    assertThat(throttle.locked("a@example.com")).isFalse();
    throttle.failed("a@example.com");
    assertThat(throttle.locked("a@example.com")).isTrue();
    assertThat(throttle.locked("b@example.com")).isFalse();

    clock.advance(SignInThrottle.WINDOW.plus(Duration.ofSeconds(1)));
    assertThat(throttle.locked("a@example.com")).isFalse();
  }

  @Test
  void a_success_forgets_earlier_failures() {
    for (int i = 0; i < SignInThrottle.MAX_FAILURES - 1; i++) {
      throttle.failed("a@example.com");
    }
    throttle.succeeded("a@example.com");
    throttle.failed("a@example.com");
    assertThat(throttle.locked("a@example.com")).isFalse();
  }
}
