package com.verk.server.delivery;

import static com.verk.server.testing.FaultyDataSource.containing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.verk.server.events.EventType;
import com.verk.server.system.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rate limit per webhook and the receiver's back-pressure (429/503 + Retry-After), with the
 * engine driven by hand on a fixed clock: deliveries over the limit or inside a pause wait without
 * using attempts, other webhooks and organizations are not held up, and a failure at any new step
 * leaves nothing held and nothing stranded.
 */
class EndpointControlsTest {

  private static final Duration LEASE = Duration.ofSeconds(10);
  private static final String DEFER = "SET next_attempt_at = ?, lease_owner = NULL";
  private static final String RELEASE = "UPDATE deliveries SET lease_owner = NULL";

  private final ScriptedTransport transport = new ScriptedTransport();
  private final ManualEngine e =
      new ManualEngine(transport, Map.of("timeout", "500ms", "lease", LEASE.toSeconds() + "s"));
  private final String org = e.org("Acme");
  private final String hook = e.webhook(org, "https://hooks.example/a", EventType.TASK_CREATED);

  @AfterEach
  void close() {
    e.close();
  }

  private void rateLimit(String webhook, Integer perSecond) {
    e.jdbc().update("UPDATE webhooks SET rate_limit = ? WHERE id = ?", perSecond, webhook);
  }

  private String publish() {
    return e.publish(org, EventType.TASK_CREATED).get(0);
  }

  /** One pass; waits for and records what it sent. Returns how many requests it started. */
  private int pass() {
    int before = transport.urls().size();
    e.dispatch();
    int sent = transport.urls().size() - before;
    if (sent > 0) {
      e.awaitSent(sent);
      e.record();
    }
    return sent;
  }

  private long number(String id, String column) {
    return DeliveryFixtures.number(e.delivery(id).get(column));
  }

  private List<Long> attemptTimes() {
    return e.jdbc()
        .queryForList(
            "SELECT attempted_at FROM delivery_attempts ORDER BY attempted_at", Long.class);
  }

  private static int busiestSecond(List<Long> times) {
    int max = 0;
    for (int i = 0; i < times.size(); i++) {
      int n = 0;
      for (long t : times) {
        if (t >= times.get(i) && t < times.get(i) + 1000) {
          n++;
        }
      }
      max = Math.max(max, n);
    }
    return max;
  }

  @Test
  void a_limited_webhook_sends_at_most_its_limit_per_second_and_the_rest_wait_without_attempts() {
    rateLimit(hook, 5);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(publish());
    }
    long start = e.clock().millis();

    assertThat(pass()).as("one send leaves per pass below 20/s").isEqualTo(1);
    List<Long> waiting = new ArrayList<>();
    for (String id : ids) {
      Map<String, Object> row = e.delivery(id);
      if (DeliveryFixtures.number(row.get("attempts")) == 0) {
        assertThat(row.get("status")).isEqualTo("pending");
        assertThat(row.get("lease_owner")).isNull();
        waiting.add(DeliveryFixtures.number(row.get("next_attempt_at")));
      }
    }
    assertThat(waiting).hasSize(11);
    assertThat(waiting.stream().sorted().toList())
        .as("each waits for its own slot, 200 ms apart")
        .isEqualTo(
            java.util.stream.LongStream.rangeClosed(1, 11).mapToObj(i -> start + i * 200).toList());
    assertThat(e.held().empty()).isTrue();

    for (int step = 0; step < 30; step++) {
      e.advance(Duration.ofMillis(100));
      pass();
    }

    for (String id : ids) {
      assertThat(e.delivery(id).get("status")).isEqualTo("succeeded");
      assertThat(number(id, "attempts")).as("no attempt used while waiting").isEqualTo(1);
    }
    List<Long> times = attemptTimes();
    assertThat(times).hasSize(12);
    assertThat(busiestSecond(times))
        .as("sends in any second: the limit + one burst")
        .isLessThanOrEqualTo(5 + RateBuckets.burst(5));
    assertThat(e.held().empty()).isTrue();
  }

  @Test
  void a_high_limit_lets_a_tenth_of_a_second_leave_in_one_pass() {
    rateLimit(hook, 100);
    for (int i = 0; i < 25; i++) {
      publish();
    }

    assertThat(pass()).as("a tenth of a second's worth").isEqualTo(10);
    e.advance(Duration.ofMillis(99));
    assertThat(pass()).as("the first waiting one is due after 100 ms").isZero();
    e.advance(Duration.ofMillis(1));
    assertThat(pass()).isEqualTo(1);
    e.advance(Duration.ofSeconds(1));
    assertThat(pass()).isEqualTo(10);
    e.advance(Duration.ofSeconds(1));
    assertThat(pass()).isEqualTo(4);
    assertThat(attemptTimes()).hasSize(25);
  }

  @Test
  void other_webhooks_and_organizations_are_not_slowed_by_a_limited_one() {
    rateLimit(hook, 1);
    String other = e.webhook(org, "https://hooks.example/b", EventType.TASK_CREATED);
    String otherOrg = e.org("Globex");
    e.webhook(otherOrg, "https://hooks.example/c", EventType.TASK_CREATED);
    for (int i = 0; i < 5; i++) {
      e.publish(org, EventType.TASK_CREATED);
      e.publish(otherOrg, EventType.TASK_CREATED);
    }

    assertThat(pass()).as("1 of the limited webhook, 5 + 5 of the others").isEqualTo(11);
    Long pendingOther =
        e.jdbc()
            .queryForObject(
                "SELECT COUNT(*) FROM deliveries WHERE webhook_id <> ? AND status <> 'succeeded'",
                Long.class,
                hook);
    assertThat(pendingOther).isZero();
    assertThat(
            e.jdbc()
                .queryForObject(
                    "SELECT COUNT(*) FROM deliveries WHERE webhook_id = ?", Long.class, other))
        .isEqualTo(5);
  }

  @Test
  void a_changed_limit_starts_afresh() {
    rateLimit(hook, 1);
    publish();
    publish();
    assertThat(pass()).isEqualTo(1);
    rateLimit(hook, 1000);
    e.jdbc().update("UPDATE deliveries SET next_attempt_at = ? WHERE status = 'pending'", 0);

    assertThat(pass()).isEqualTo(1);
  }

  @Test
  void back_pressure_pauses_the_webhook_until_retry_after_and_its_other_deliveries_wait() {
    transport.answer(429, "2");
    String other = e.webhook(org, "https://hooks.example/b", EventType.TASK_UPDATED);
    String otherOrg = e.org("Globex");
    e.webhook(otherOrg, "https://hooks.example/c", EventType.TASK_CREATED);
    long t0 = e.clock().millis();
    String first = publish();

    assertThat(pass()).isEqualTo(1);

    long pauseEnd = t0 + 1 + 2000; // answered after 1 ms (scripted), then 2 s
    Map<String, Object> row = e.delivery(first);
    assertThat(row.get("status")).isEqualTo("pending");
    assertThat(DeliveryFixtures.number(row.get("next_attempt_at")))
        .as("at the pause end, not the schedule's minute")
        .isEqualTo(pauseEnd);
    assertThat((String) row.get("last_error")).isEqualTo("HTTP 429 (Retry-After: 2)");
    assertThat(
            e.jdbc()
                .queryForObject(
                    "SELECT error FROM delivery_attempts WHERE delivery_id = ?",
                    String.class,
                    first))
        .isEqualTo("HTTP 429 (Retry-After: 2)");
    assertThat(pausedUntil(hook)).isEqualTo(pauseEnd);

    String second = publish();
    String sameOrgOther = e.publish(org, EventType.TASK_UPDATED).get(0);
    String otherOrgs = e.publish(otherOrg, EventType.TASK_CREATED).get(0);
    assertThat(pass()).as("only the other webhooks' deliveries").isEqualTo(2);
    assertThat(e.delivery(sameOrgOther).get("status")).isEqualTo("succeeded");
    assertThat(e.delivery(otherOrgs).get("status")).isEqualTo("succeeded");
    assertThat(number(second, "attempts")).isZero();
    assertThat(number(second, "next_attempt_at")).isEqualTo(pauseEnd);
    assertThat(e.delivery(second).get("lease_owner")).isNull();
    assertThat(pausedUntil(other)).isNull();

    e.advance(Duration.ofMillis(pauseEnd - 1 - e.clock().millis()));
    assertThat(pass()).as("nothing before the pause ends").isZero();
    e.advance(Duration.ofMillis(1));
    assertThat(pass()).isEqualTo(2);
    assertThat(e.delivery(first).get("status")).isEqualTo("succeeded");
    assertThat(number(first, "attempts")).isEqualTo(2);
    assertThat(e.delivery(second).get("status")).isEqualTo("succeeded");
    assertThat(number(second, "attempts")).isEqualTo(1);
    assertThat(e.held().empty()).isTrue();
  }

  @Test
  void an_http_date_pauses_until_that_date() {
    long t0 = e.clock().millis();
    transport.answer(503, "Thu, 15 Jan 2026 10:30:30 GMT");
    String id = publish();

    pass();

    assertThat(number(id, "next_attempt_at")).isEqualTo(t0 + 30_000);
    assertThat(pausedUntil(hook)).isEqualTo(t0 + 30_000);
  }

  @Test
  void a_garbage_retry_after_is_shown_and_ignored_and_a_huge_one_is_clamped_to_an_hour() {
    long t0 = e.clock().millis();
    transport.answer(429, "soon\r\nX-Evil: 1");
    String id = publish();

    pass();

    assertThat(number(id, "next_attempt_at")).as("the schedule").isEqualTo(t0 + 60_000);
    assertThat(pausedUntil(hook)).isNull();
    assertThat((String) e.delivery(id).get("last_error"))
        .isEqualTo("HTTP 429 (Retry-After: soonX-Evil: 1)");

    e.advance(Duration.ofMinutes(1));
    long t1 = e.clock().millis();
    transport.answer(429, "99999999999999999999999");
    pass();

    assertThat(number(id, "next_attempt_at")).isEqualTo(t1 + 1 + 3_600_000);
    assertThat(pausedUntil(hook)).isEqualTo(t1 + 1 + 3_600_000);
  }

  @Test
  void a_receiver_that_always_asks_to_wait_spends_the_retry_budget_and_is_disabled() {
    for (int i = 0; i < 7; i++) {
      transport.answer(429, "0"); // clamped to 1 s
    }
    String id = publish();

    for (int attempt = 1; attempt <= 7; attempt++) {
      assertThat(pass()).as("attempt %d", attempt).isEqualTo(1);
      e.advance(Duration.ofMillis(1001));
    }

    assertThat(e.delivery(id).get("status")).isEqualTo("failed");
    assertThat(number(id, "attempts")).isEqualTo(7);
    assertThat(
            DeliveryFixtures.bool(
                e.jdbc()
                    .queryForObject(
                        "SELECT active FROM webhooks WHERE id = ?", Object.class, hook)))
        .isFalse();
  }

  @Test
  void send_test_ignores_a_pause_never_causes_one_and_is_limited_per_webhook() {
    e.jdbc()
        .update(
            "UPDATE webhooks SET paused_until = ? WHERE id = ?", e.clock().millis() + 60_000, hook);
    transport.answer(429, "600");

    TestResult first = e.engine().actions().test(org, hook, "task.created");

    assertThat(first.responseStatus()).isEqualTo(429);
    assertThat(pausedUntil(hook)).isEqualTo(e.clock().millis() + 60_000);
    for (int i = 1; i < DeliveryActions.TESTS_PER_MINUTE; i++) {
      e.engine().actions().test(org, hook, "task.created");
    }
    assertThatThrownBy(() -> e.engine().actions().test(org, hook, "task.created"))
        .isInstanceOfSatisfying(
            ApiException.class, x -> assertThat(x.status().value()).isEqualTo(429));
    String otherHook = e.webhook(org, "https://hooks.example/b", EventType.TASK_CREATED);
    assertThat(e.engine().actions().test(org, otherHook, "task.created").success()).isTrue();
    e.advance(Duration.ofMinutes(1).plusMillis(1));
    assertThat(e.engine().actions().test(org, hook, "task.created").success()).isTrue();
  }

  @Test
  void a_bucket_that_cannot_be_read_gives_everything_back_and_the_next_pass_sends() {
    rateLimit(hook, 5);
    String id = publish();
    e.faults().failNext(containing("webhook_rate_buckets"), 1);

    assertThat(pass()).isZero();

    assertThat(e.held().empty()).as("held: %s", e.held()).isTrue();
    assertThat(e.delivery(id).get("lease_owner")).isNull();
    assertThat(number(id, "attempts")).isZero();
    assertThat(pass()).as("no token was taken by the failed pass").isEqualTo(1);
    assertThat(e.delivery(id).get("status")).isEqualTo("succeeded");
  }

  @Test
  void a_wait_that_cannot_be_written_releases_the_lease_and_the_next_pass_makes_it_wait() {
    rateLimit(hook, 1);
    String a = publish();
    String b = publish();
    e.faults().failNext(containing(DEFER), 1);

    assertThat(pass()).isEqualTo(1);

    String waiting = number(a, "attempts") == 0 ? a : b;
    assertThat(e.held().empty()).as("held: %s", e.held()).isTrue();
    assertThat(e.delivery(waiting).get("lease_owner")).isNull();
    assertThat(number(waiting, "attempts")).isZero();
    assertThat(pass()).isZero();
    // The lost wait's slot (1 s) stays taken: it only delays, never speeds up.
    assertThat(number(waiting, "next_attempt_at")).isEqualTo(e.clock().millis() + 2000);
    e.advance(Duration.ofSeconds(2));
    assertThat(pass()).isEqualTo(1);
    assertThat(e.delivery(waiting).get("status")).isEqualTo("succeeded");
  }

  @Test
  void a_wait_and_a_release_that_both_fail_let_the_lease_expire() {
    e.jdbc()
        .update(
            "UPDATE webhooks SET paused_until = ? WHERE id = ?", e.clock().millis() + 60_000, hook);
    String id = publish();
    e.faults().failNext(containing(DEFER), 1);
    e.faults().failNext(containing(RELEASE), 1);

    assertThat(pass()).isZero();

    assertThat(e.held().empty()).as("held: %s", e.held()).isTrue();
    assertThat(e.delivery(id).get("lease_owner")).isEqualTo(ManualEngine.NODE);
    e.advance(LEASE.plusMillis(1));
    assertThat(pass()).as("still paused: made to wait this time").isZero();
    assertThat(e.delivery(id).get("lease_owner")).isNull();
    assertThat(number(id, "attempts")).isZero();
    e.advance(Duration.ofMinutes(1));
    assertThat(pass()).isEqualTo(1);
    assertThat(e.delivery(id).get("status")).isEqualTo("succeeded");
  }

  @Test
  void a_pause_that_cannot_be_recorded_is_sent_again_after_its_lease() {
    transport.answer(429, "5");
    String id = publish();
    e.faults()
        .failNext(
            containing("SET paused_until"),
            3,
            () -> new java.sql.SQLException("injected: not a lost connection", "XX000"));

    assertThat(pass()).isEqualTo(1);

    assertThat(e.held().empty()).as("held: %s", e.held()).isTrue();
    assertThat(e.attempts(id)).as("the whole batch rolled back").isZero();
    assertThat(pausedUntil(hook)).isNull();
    e.advance(LEASE.plusMillis(1));
    assertThat(pass()).isEqualTo(1);
    assertThat(e.delivery(id).get("status")).isEqualTo("succeeded");
  }

  private Long pausedUntil(String webhook) {
    return e.jdbc()
        .queryForObject("SELECT paused_until FROM webhooks WHERE id = ?", Long.class, webhook);
  }
}
