package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HoldingsTest {

  private static Job job(String id, String org, String webhook) {
    return new Job(
        id,
        webhook,
        org,
        "Org",
        "evt",
        "task.created",
        "{}",
        0,
        false,
        0,
        0,
        null,
        "https://x",
        "s",
        null,
        null,
        true);
  }

  @Test
  void reservations_stop_at_each_limit_and_the_saturated_are_named() {
    Holdings h = new Holdings(new Holdings.Limits(6, 3, 2)); // lends while holding fewer than 3

    assertThat(h.tryReserve(job("d1", "a", "w1"))).isTrue();
    assertThat(h.tryReserve(job("d2", "a", "w1"))).isTrue();
    assertThat(h.tryReserve(job("d3", "a", "w1"))).as("webhook limit").isFalse();
    assertThat(h.tryReserve(job("d4", "a", "w2"))).isTrue();
    assertThat(h.tryReserve(job("d5", "a", "w3"))).as("organization limit").isFalse();
    assertThat(h.tryReserve(job("d6", "b", "w4"))).isTrue();

    assertThat(h.saturatedWebhooks()).containsExactly("w1");
    assertThat(h.saturatedOrgs()).containsExactly("a");
    assertThat(h.free()).isEqualTo(2);
  }

  @Test
  void below_half_the_node_an_organization_past_its_share_borrows_and_above_it_does_not() {
    Holdings h = new Holdings(new Holdings.Limits(8, 1, 8)); // lends while holding fewer than 4
    List<String> expired = new ArrayList<>();

    assertThat(h.tryReserve(job("d1", "a", "w1"))).as("its share").isTrue();
    assertThat(h.saturatedOrgs()).as("lending: nobody is left out").isEmpty();
    assertThat(h.tryReserve(job("d2", "a", "w1"))).as("borrowed").isTrue();
    assertThat(h.tryReserve(job("d3", "a", "w1"))).as("borrowed").isTrue();
    assertThat(h.tryReserve(job("d4", "a", "w1"))).as("borrowed, the 4th of 8").isTrue();
    assertThat(h.tryReserve(job("d5", "a", "w1"))).as("half the node is held").isFalse();
    assertThat(h.saturatedOrgs()).containsExactly("a");
    assertThat(h.tryReserve(job("d6", "b", "w2"))).as("another's share is kept").isTrue();
    h.park(job("d7", "a", "w1"), Long.MAX_VALUE);

    Job done = job("d1", "a", "w1");
    assertThat(h.finished(done, 0, expired))
        .as("4 held after a's end (3 of a, 1 of b) plus 1 parked: not lending")
        .isEmpty();
    h.finished(job("d6", "b", "w2"), 0, expired);
    assertThat(h.startable(0, expired)).as("3 in flight and 1 parked: still half").isEmpty();
    assertThat(h.finished(job("d2", "a", "w1"), 0, expired))
        .as("2 in flight and 1 parked: lending again")
        .extracting(Job::deliveryId)
        .containsExactly("d7");
    assertThat(expired).isEmpty();
  }

  @Test
  void a_finished_request_starts_the_next_parked_job_of_its_organization_that_has_room() {
    Holdings h = new Holdings(new Holdings.Limits(10, 2, 1));
    Job first = job("d1", "a", "w1");
    h.leased(List.of("d1", "d2", "d3"));
    h.tryReserve(first);
    h.tryReserve(job("d2", "a", "w2"));
    h.park(job("d3", "a", "w1"), 100);
    List<String> expired = new ArrayList<>();

    List<Job> next = h.finished(first, 50, expired);

    assertThat(next).extracting(Job::deliveryId).containsExactly("d3");
    assertThat(expired).isEmpty();
    assertThat(h.snapshot().inFlight()).isEqualTo(2);
    assertThat(h.snapshot().parked()).isZero();
  }

  @Test
  void a_parked_job_whose_lease_would_end_mid_attempt_is_handed_back_not_started() {
    Holdings h = new Holdings(new Holdings.Limits(10, 1, 1));
    Job running = job("d1", "a", "w1");
    h.tryReserve(running);
    h.park(job("d2", "a", "w1"), 100);
    List<String> expired = new ArrayList<>();

    List<Job> next = h.finished(running, 100, expired);

    assertThat(next).isEmpty();
    assertThat(expired).containsExactly("d2");
    assertThat(h.snapshot().empty()).isTrue();
  }

  @Test
  void every_counter_returns_to_zero_and_stopping_hands_back_the_parked() {
    Holdings h = new Holdings(new Holdings.Limits(4, 4, 4));
    Job a = job("d1", "a", "w1");
    h.leased(Set.of("d1", "d2"));
    h.tryReserve(a);
    h.park(job("d2", "b", "w2"), Long.MAX_VALUE);

    h.finished(a, 0, new ArrayList<>()); // d2 is another organization's: not started by a's end
    List<String> handedBack = h.unparkAll();
    h.letGo(List.of("d1"));
    h.letGo(handedBack);

    assertThat(handedBack).containsExactly("d2");
    assertThat(h.snapshot())
        .isEqualTo(new Holdings.Snapshot(0, 0, 0, java.util.Map.of(), java.util.Map.of()));
  }
}
