package com.verk.server.delivery;

import static com.verk.server.testing.FaultyDataSource.containing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.verk.server.events.EventType;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failures injected at every step between a claim and the recording of its outcome, with the engine
 * driven by hand. After each, nothing is held (no lease renewed for ever, no slot or counter
 * leaked), and the delivery is still delivered: at once when its lease could be given back, after
 * the lease otherwise.
 */
class EngineFaultInjectionTest {

  private static final Duration LEASE = Duration.ofSeconds(10);
  private static final String LOAD = "FROM deliveries d JOIN webhooks w";
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

  private String publish() {
    return e.publish(org, EventType.TASK_CREATED).get(0);
  }

  private void deliverNow(String id) {
    assertThat(e.dispatch()).isEqualTo(1);
    e.awaitSent(1);
    assertThat(e.record()).isEqualTo(1);
    assertThat(e.delivery(id).get("status")).isEqualTo("succeeded");
    assertThat(e.held().empty()).as("held after delivery: %s", e.held()).isTrue();
  }

  @Test
  void a_load_that_fails_after_the_claim_gives_the_leases_back_and_the_next_pass_delivers() {
    String id = publish();
    e.faults().failNext(containing(LOAD), 1);

    assertThat(e.dispatch()).isEqualTo(1);

    assertThat(e.held().empty()).as("held: %s", e.held()).isTrue();
    assertThat(e.delivery(id).get("lease_owner")).isNull();
    assertThat(transport.urls()).isEmpty();
    deliverNow(id);
    assertThat(e.attempts(id)).isEqualTo(1);
  }

  @Test
  void a_load_and_a_release_that_both_fail_let_the_lease_expire_then_it_is_delivered() {
    String id = publish();
    e.faults().failNext(containing(LOAD), 1);
    e.faults().failNext(containing(RELEASE), 1);

    e.dispatch();

    assertThat(e.held().empty()).as("held: %s", e.held()).isTrue();
    assertThat(e.delivery(id).get("lease_owner")).isEqualTo(ManualEngine.NODE);
    assertThat(e.dispatch()).as("claimed while its lease lives").isZero();
    e.advance(LEASE.plusMillis(1));
    deliverNow(id);
  }

  @Test
  void a_webhook_deleted_between_claim_and_load_leaves_nothing_held() {
    publish();
    e.faults()
        .beforeNext(
            containing(LOAD), () -> e.jdbc().update("DELETE FROM webhooks WHERE id = ?", hook));

    assertThat(e.dispatch()).isEqualTo(1);

    assertThat(e.held().empty()).as("held: %s", e.held()).isTrue();
    assertThat(transport.urls()).isEmpty();
    assertThat(e.jdbc().queryForObject("SELECT COUNT(*) FROM deliveries", Long.class)).isZero();
  }

  @Test
  void a_skip_that_fails_lets_the_lease_expire_and_the_next_claim_skips_it() {
    String id = publish();
    e.jdbc().update("UPDATE webhooks SET active = FALSE WHERE id = ?", hook);
    e.faults().failNext(containing("SET status = 'skipped'"), 1);

    e.dispatch();

    assertThat(e.held().empty()).as("held: %s", e.held()).isTrue();
    assertThat(e.delivery(id).get("status")).isEqualTo("pending");
    e.advance(LEASE.plusMillis(1));
    assertThat(e.dispatch()).isEqualTo(1);
    assertThat(e.delivery(id).get("status")).isEqualTo("skipped");
    assertThat(e.held().empty()).isTrue();
    assertThat(transport.urls()).isEmpty();
  }

  @Test
  void a_sender_that_throws_or_fails_its_future_is_a_failed_attempt_and_frees_its_slot() {
    transport.throwing().failingFuture();
    List<String> ids = List.of(publish(), publish());

    assertThat(e.dispatch()).isEqualTo(2);
    e.awaitSent(2);
    e.record();

    for (String id : ids) {
      Map<String, Object> row = e.delivery(id);
      assertThat(row.get("status")).isEqualTo("pending");
      assertThat((String) row.get("last_error")).startsWith("internal error");
      assertThat(row.get("lease_owner")).isNull();
      assertThat(e.attempts(id)).isEqualTo(1);
    }
    assertThat(e.held().empty()).as("held: %s", e.held()).isTrue();
    e.advance(Duration.ofMinutes(1));
    assertThat(e.dispatch()).isEqualTo(2);
    e.awaitSent(2);
    e.record();
    ids.forEach(id -> assertThat(e.delivery(id).get("status")).isEqualTo("succeeded"));
  }

  @Test
  void a_request_that_never_answers_ends_at_the_engines_deadline_and_is_abandoned() {
    transport.hanging();
    String id = publish();

    e.dispatch();
    e.awaitSent(1);
    e.record();

    assertThat((String) e.delivery(id).get("last_error")).contains("timeout");
    assertThat(transport.abandoned()).isEqualTo(1);
    assertThat(e.held().empty()).as("held: %s", e.held()).isTrue();
  }

  @Test
  void outcomes_are_recorded_once_the_database_is_back_and_not_sent_again() {
    String id = publish();
    e.faults()
        .failNext(containing("INSERT INTO delivery_attempts"), 4); // a connection lost 4 times

    e.dispatch();
    e.awaitSent(1);
    e.record();

    assertThat(e.held().empty()).as("held: %s", e.held()).isTrue();
    assertThat(e.attempts(id)).isEqualTo(1);
    assertThat(e.delivery(id).get("status")).isEqualTo("succeeded");
    assertThat(transport.urls()).hasSize(1);
  }

  @Test
  void an_outcome_that_cannot_be_recorded_is_let_go_and_sent_again_after_its_lease() {
    String id = publish();
    e.faults()
        .failNext(
            containing("INSERT INTO delivery_attempts"),
            3,
            () -> new SQLException("injected: not a lost connection", "XX000"));

    e.dispatch();
    e.awaitSent(1);
    e.record();

    assertThat(e.held().empty()).as("held: %s", e.held()).isTrue();
    assertThat(e.attempts(id)).isZero();
    assertThat(e.delivery(id).get("lease_owner")).isEqualTo(ManualEngine.NODE);
    assertThat(e.dispatch()).isZero();
    e.advance(LEASE.plusMillis(1));
    deliverNow(id);
    assertThat(transport.urls()).hasSize(2);
    assertThat(e.attempts(id)).isEqualTo(1);
  }

  @Test
  void a_renewal_that_fails_ends_the_pass_and_the_next_pass_renews() {
    transport.hanging();
    ManualEngine slow = new ManualEngine(transport, Map.of("timeout", "20s", "lease", "30s"));
    try {
      String o = slow.org("Slow");
      slow.webhook(o, "https://hooks.example/slow", EventType.TASK_CREATED);
      String id = slow.publish(o, EventType.TASK_CREATED).get(0);
      slow.dispatch();
      long before = ((Number) slow.delivery(id).get("lease_expires_at")).longValue();
      slow.faults().failNext(containing("SET lease_expires_at"), 1);
      slow.advance(Duration.ofSeconds(11));

      assertThatThrownBy(slow::dispatch).hasMessageContaining("injected");
      assertThat(slow.held().leased()).isEqualTo(1);
      slow.dispatch();

      assertThat(((Number) slow.delivery(id).get("lease_expires_at")).longValue())
          .isGreaterThan(before);
    } finally {
      transport.release();
      slow.close();
    }
  }
}
