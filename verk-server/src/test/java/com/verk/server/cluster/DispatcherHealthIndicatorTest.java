package com.verk.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.delivery.EngineStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class DispatcherHealthIndicatorTest {

  private static final Duration STALL = Duration.ofMinutes(1);

  private static Health health(EngineStatus status) {
    return new DispatcherHealthIndicator(() -> status, STALL).health();
  }

  private static EngineStatus status(boolean running, Duration sinceLastPass, Boolean listening) {
    return new EngineStatus(
        "node-a",
        running,
        3,
        sinceLastPass,
        Instant.parse("2026-01-02T03:04:05Z"),
        listening,
        Duration.ofSeconds(1));
  }

  @Test
  void a_running_loop_that_passed_recently_is_up_with_node_in_flight_and_last_claim() {
    Health health = health(status(true, Duration.ofMillis(200), null));

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails())
        .containsEntry("node", "node-a")
        .containsEntry("running", true)
        .containsEntry("inFlight", 3)
        .containsEntry("lastPassMsAgo", 200L)
        .containsEntry("lastClaimAt", "2026-01-02T03:04:05Z")
        .doesNotContainKey("listen");
  }

  @Test
  void a_loop_before_its_first_pass_is_up_and_says_never() {
    Health health =
        health(new EngineStatus("node-a", true, 0, null, null, null, Duration.ofSeconds(1)));

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails())
        .containsEntry("lastPassMsAgo", "never")
        .containsEntry("lastClaimAt", "never");
  }

  @Test
  void a_dead_loop_is_down_with_the_reason() {
    Health health = health(status(false, Duration.ofMillis(200), null));

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails().get("reason").toString()).contains("not running");
  }

  @Test
  void a_loop_without_a_pass_for_longer_than_the_limit_is_down() {
    Health health = health(status(true, Duration.ofSeconds(61), null));

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails().get("reason").toString()).contains("61 s").contains("60 s");
  }

  @Test
  void a_lost_listen_connection_is_reported_but_keeps_the_node_up() {
    assertThat(health(status(true, Duration.ZERO, true)).getDetails())
        .containsEntry("listen", "connected");
    Health reconnecting = health(status(true, Duration.ZERO, false));

    assertThat(reconnecting.getStatus()).isEqualTo(Status.UP);
    assertThat(reconnecting.getDetails()).containsEntry("listen", "reconnecting");
  }
}
