package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.events.EventType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One organization's backlog of hanging requests cannot hold the engine from another's events. */
class FairnessTest {

  @Test
  void an_organization_at_its_limit_is_left_out_of_claims_and_another_organizations_event_starts()
      throws Exception {
    ScriptedTransport transport = new ScriptedTransport();
    for (int i = 0; i < 3; i++) {
      transport.hanging();
    }
    try (ManualEngine e =
        new ManualEngine(
            transport,
            Map.of(
                "timeout", "30s",
                "lease", "60s",
                "max-in-flight", "6", // lends beyond shares below 3 held: not once noisy holds 3
                "max-in-flight-per-org", "3",
                "max-in-flight-per-webhook", "8"))) {
      String noisy = e.org("Noisy");
      String quiet = e.org("Quiet");
      String a = e.webhook(noisy, "https://noisy.example/hook", EventType.TASK_CREATED);
      e.webhook(quiet, "https://quiet.example/hook", EventType.TASK_CREATED);
      for (int i = 0; i < 50; i++) {
        e.publish(noisy, EventType.TASK_CREATED);
      }

      assertThat(e.dispatch()).as("a claim takes at most the organization's share").isEqualTo(3);
      String quietDelivery = e.publish(quiet, EventType.TASK_CREATED).get(0);
      assertThat(e.dispatch()).isEqualTo(1);
      e.awaitSent(1);
      e.record();

      assertThat(e.delivery(quietDelivery).get("status")).isEqualTo("succeeded");
      assertThat(transport.urls()).hasSize(4).last().isEqualTo("https://quiet.example/hook");
      Holdings.Snapshot held = e.held();
      assertThat(held.inFlightPerOrg()).isEqualTo(Map.of(noisy, 3));
      assertThat(held.inFlightPerWebhook()).isEqualTo(Map.of(a, 3));
      assertThat(held.leased()).isEqualTo(3);
      transport.release();
      assertThat(
              e.jdbc()
                  .queryForObject(
                      "SELECT COUNT(*) FROM deliveries WHERE lease_owner IS NOT NULL", Long.class))
          .as("the noisy backlog is not leased while it waits")
          .isEqualTo(3);
    }
  }

  @Test
  void an_organizations_backlog_of_older_due_rows_does_not_hide_a_newer_event_of_another() {
    ScriptedTransport transport = new ScriptedTransport(); // answers 200 at once: never saturated
    try (ManualEngine e =
        new ManualEngine(
            transport,
            Map.of("batch-size", "10", "max-in-flight-per-org", "3", "max-in-flight", "100"))) {
      String busy = e.org("Busy");
      String quiet = e.org("Quiet");
      e.webhook(busy, "https://busy.example/hook", EventType.TASK_CREATED);
      e.webhook(quiet, "https://quiet.example/hook", EventType.TASK_CREATED);
      for (int i = 0; i < 30; i++) {
        e.publish(busy, EventType.TASK_CREATED);
      }
      e.advance(java.time.Duration.ofSeconds(1));
      String quietDelivery = e.publish(quiet, EventType.TASK_CREATED).get(0);

      assertThat(e.dispatch())
          .as("one pass: the busy organization's share, then the quiet one's event")
          .isEqualTo(4);
      e.awaitSent(4);
      e.record();

      assertThat(e.delivery(quietDelivery).get("status")).isEqualTo("succeeded");
      assertThat(transport.urls()).contains("https://quiet.example/hook");
    }
  }

  @Test
  void a_pass_that_left_an_organization_out_starts_the_next_pass_at_once() {
    ScriptedTransport transport = new ScriptedTransport(); // answers 200 at once: never saturated
    try (ManualEngine e =
        new ManualEngine(
            transport,
            Map.of("batch-size", "10", "max-in-flight-per-org", "3", "max-in-flight", "100"))) {
      String busy = e.org("Busy");
      e.webhook(busy, "https://busy.example/hook", EventType.TASK_CREATED);
      for (int i = 0; i < 5; i++) {
        e.publish(busy, EventType.TASK_CREATED);
      }
      e.takeWakeUp(); // the publishes' own

      assertThat(e.dispatch()).as("the organization's share").isEqualTo(3);
      assertThat(e.takeWakeUp())
          .as("its other due rows are claimed by the next pass, not after the poll interval")
          .isTrue();
      e.awaitSent(3);
      e.record();
      e.takeWakeUp();

      assertThat(e.dispatch()).as("the rest, less than a share").isEqualTo(2);
      e.awaitSent(2);
      e.record();
      assertThat(e.takeWakeUp()).as("nothing left out: the loop waits for work").isFalse();
    }
  }

  @Test
  void an_organization_alone_borrows_up_to_half_the_node_and_the_other_half_stays_for_the_others()
      throws Exception {
    ScriptedTransport transport = new ScriptedTransport();
    for (int i = 0; i < 8; i++) {
      transport.hanging();
    }
    try (ManualEngine e =
        new ManualEngine(
            transport,
            Map.of(
                "timeout", "30s",
                "lease", "60s",
                "max-in-flight", "8",
                "max-in-flight-per-org", "2",
                "max-in-flight-per-webhook", "8"))) {
      String busy = e.org("Busy");
      String quiet = e.org("Quiet");
      String a = e.webhook(busy, "https://busy.example/hook", EventType.TASK_CREATED);
      String q = e.webhook(quiet, "https://quiet.example/hook", EventType.TASK_CREATED);
      for (int i = 0; i < 20; i++) {
        e.publish(busy, EventType.TASK_CREATED);
      }

      // Each pass claims one share (2) of the organization; the node lends while it holds < 4.
      for (int pass = 0; pass < 5; pass++) {
        e.dispatch();
      }
      Holdings.Snapshot alone = e.held();
      assertThat(alone.inFlightPerOrg())
          .as("twice its share in flight: half the node, no more")
          .isEqualTo(Map.of(busy, 4));
      assertThat(alone.inFlight() + alone.parked()).isLessThanOrEqualTo(5);
      assertThat(transport.urls()).as("requests started").hasSize(4);

      for (int i = 0; i < 3; i++) {
        e.publish(quiet, EventType.TASK_CREATED);
      }
      e.dispatch();
      e.dispatch();
      Holdings.Snapshot both = e.held();
      assertThat(both.inFlightPerOrg())
          .as("the quiet organization gets its whole share; the busy one borrows no more")
          .containsEntry(quiet, 2)
          .containsEntry(busy, 4);
      assertThat(both.inFlightPerWebhook()).containsEntry(q, 2).containsEntry(a, 4);
      assertThat(transport.urls()).hasSize(6).endsWith("https://quiet.example/hook");
      transport.release();
    }
  }
}
