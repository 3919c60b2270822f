package com.verk.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

  private final MutableClock clock = MutableClock.fixed(Instant.parse("2024-01-15T10:30:00Z"));
  private final SignInThrottle throttle = new SignInThrottle(clock);

  @Test
  void an_account_is_locked_after_ten_failures_and_free_again_after_the_window() {
    for (int i = 0; i < 9; i++) {
      throttle.failed("a@example.com", "203.0.113.1");
    }
    assertThat(throttle.locked("a@example.com", "203.0.113.2")).isFalse();
    throttle.failed("a@example.com", "203.0.113.1");
    assertThat(throttle.locked("a@example.com", "203.0.113.2")).isTrue();
    assertThat(throttle.locked("b@example.com", "203.0.113.2")).isFalse();

    clock.advance(SignInThrottle.WINDOW.plus(Duration.ofSeconds(1)));
    assertThat(throttle.locked("a@example.com", "203.0.113.2")).isFalse();
  }

  @Test
  void a_client_address_is_locked_after_a_hundred_failures_whatever_the_accounts() {
    for (int i = 0; i < 99; i++) {
      throttle.failed("user" + i + "@example.com", "198.51.100.7");
    }
    assertThat(throttle.locked("fresh@example.com", "198.51.100.7")).isFalse();
    throttle.failed("user99@example.com", "198.51.100.7");
    assertThat(throttle.locked("fresh@example.com", "198.51.100.7")).isTrue();
    assertThat(throttle.locked("fresh@example.com", "198.51.100.8")).isFalse();
  }

  @Test
  void a_success_forgets_the_accounts_failures() {
    for (int i = 0; i < 9; i++) {
      throttle.failed("a@example.com", "203.0.113.1");
    }
    throttle.succeeded("a@example.com");
    throttle.failed("a@example.com", "203.0.113.1");
    assertThat(throttle.locked("a@example.com", "203.0.113.1")).isFalse();
  }

  @Test
  void a_flood_of_made_up_addresses_does_not_clear_a_lock() {
    for (int i = 0; i < 10; i++) {
      throttle.failed("victim@example.com", "203.0.113.1");
    }
    for (int i = 0; i < SignInThrottle.MAX_TRACKED + 20_000; i++) {
      throttle.failed("made-up-" + i + "@example.com", "10.0." + (i / 250) % 250 + "." + i % 250);
    }
    assertThat(throttle.locked("victim@example.com", "203.0.113.9")).isTrue();
  }

  @Test
  void the_numbers_in_docs_dashboard_md_are_the_numbers_in_the_code() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "dashboard.md"));

    assertThat(doc)
        .contains(SignInThrottle.MAX_FAILURES_PER_ACCOUNT + " wrong passwords for one account")
        .contains(SignInThrottle.MAX_FAILURES_PER_CLIENT + " from one client address")
        .contains("within " + SignInThrottle.WINDOW.toMinutes() + " minutes");
  }
}
