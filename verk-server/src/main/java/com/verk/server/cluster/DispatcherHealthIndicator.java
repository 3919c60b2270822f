package com.verk.server.cluster;

import com.verk.server.delivery.DeliveryMonitor;
import com.verk.server.delivery.EngineStatus;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code dispatcher} component of {@code /actuator/health}: UP while the claim loop runs and
 * completes passes; DOWN when the loop has died or has not completed a pass for {@code stallAfter}
 * (its passes normally end at least every poll interval, so a long silence means it is stuck, for
 * example on a database that does not answer). A lost LISTEN connection is only reported: the poll
 * still finds the work, a little later.
 */
final class DispatcherHealthIndicator implements HealthIndicator {

  private final DeliveryMonitor monitor;
  private final Duration stallAfter;

  DispatcherHealthIndicator(DeliveryMonitor monitor, Duration stallAfter) {
    this.monitor = monitor;
    this.stallAfter = stallAfter;
  }

  @Override
  public Health health() {
    EngineStatus s = monitor.status();
    Health.Builder health;
    if (!s.running()) {
      health = Health.down().withDetail("reason", "the dispatcher loop is not running");
    } else if (s.sinceLastCycle() != null && s.sinceLastCycle().compareTo(stallAfter) > 0) {
      health =
          Health.down()
              .withDetail(
                  "reason",
                  "no claim pass completed for "
                      + s.sinceLastCycle().toSeconds()
                      + " s (limit "
                      + stallAfter.toSeconds()
                      + " s)");
    } else {
      health = Health.up();
    }
    health
        .withDetail("node", s.node())
        .withDetail("running", s.running())
        .withDetail("inFlight", s.inFlight())
        .withDetail(
            "lastPassMsAgo", s.sinceLastCycle() == null ? "never" : s.sinceLastCycle().toMillis())
        .withDetail("lastClaimAt", s.lastClaimAt() == null ? "never" : s.lastClaimAt().toString());
    if (s.listening() != null) {
      health.withDetail("listen", s.listening() ? "connected" : "reconnecting");
    }
    return health.build();
  }
}
