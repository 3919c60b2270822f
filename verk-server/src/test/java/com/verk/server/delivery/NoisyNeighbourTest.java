package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.Receiver;
import com.verk.server.testing.SqliteServerTest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One organization with 2,000 deliveries queued to endpoints that never answer, another with a
 * healthy endpoint: the quiet organization's events arrive while the noisy one's endpoints are
 * still hanging, and the noisy one never holds more than its share of the engine.
 */
class NoisyNeighbourTest extends SqliteServerTest {

  private static final int WEBHOOKS = 20;
  private static final int TASKS = 100;

  @Autowired Dispatcher dispatcher;

  @Test
  void a_quiet_organizations_events_arrive_while_a_noisy_ones_endpoints_hang() {
    Tenant noisy = newTenant("enterprise");
    Tenant quiet = newTenant("pro");
    try (HostileReceiver hanging = new HostileReceiver(HostileReceiver.Answer.SILENCE);
        Receiver healthy = new Receiver()) {
      for (int i = 0; i < WEBHOOKS; i++) {
        noisy
            .api()
            .post(
                "/v1/webhooks",
                Map.of("url", hanging.url() + "/" + i, "events", List.of("task.created")));
      }
      String noisyProject = project(noisy);
      for (int i = 0; i < TASKS; i++) {
        noisy.api().post("/v1/tasks", Map.of("title", "noise " + i, "projectId", noisyProject));
      }
      quiet
          .api()
          .post(
              "/v1/webhooks", Map.of("url", healthy.url("/q"), "events", List.of("task.created")));
      String quietProject = project(quiet);

      Set<String> sent = new HashSet<>();
      for (int i = 0; i < 20; i++) {
        sent.add(
            quiet
                .api()
                .post("/v1/tasks", Map.of("title", "signal " + i, "projectId", quietProject))
                .json()
                .path("id")
                .asString());
      }

      Set<String> arrived = new HashSet<>();
      for (int i = 0; i < sent.size(); i++) {
        arrived.add(
            Api.JSON
                .readTree(healthy.take(Duration.ofSeconds(20)).bodyText())
                .path("data")
                .path("id")
                .asString());
      }
      Holdings.Snapshot held = dispatcher.holdings().snapshot();
      assertThat(arrived).isEqualTo(sent);
      assertThat(held.inFlightPerOrg().getOrDefault(noisy.orgId(), 0))
          .as(
              "the noisy organization's requests in flight: past its share of 64 (borrowed while"
                  + " the node held less than half), never more than half the node (512 / 2)")
          .isGreaterThan(64)
          .isLessThanOrEqualTo(256);
    }
  }

  private static String project(Tenant t) {
    return t.api().post("/v1/projects", Map.of("name", "P")).json().path("id").asString();
  }
}
