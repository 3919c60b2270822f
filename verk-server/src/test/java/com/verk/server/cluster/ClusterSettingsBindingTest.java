package com.verk.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.system.VerkProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The cluster settings docs/deployment.md names bind from their environment variables. */
class ClusterSettingsBindingTest {

  private static VerkProperties bind(Map<String, Object> environment) {
    var source =
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment);
    return new Binder(
            ConfigurationPropertySources.from(source),
            null,
            ApplicationConversionService.getSharedInstance())
        .bindOrCreate("verk", VerkProperties.class);
  }

  @Test
  void the_documented_cluster_variables_bind() {
    VerkProperties p =
        bind(
            Map.of(
                "VERK_NODE_ID", "node-a",
                "VERK_DATABASE_POOL_SIZE", "24",
                "VERK_WEBHOOKS_LEASE", "45s",
                "VERK_WEBHOOKS_POLL_INTERVAL", "500ms",
                "VERK_WEBHOOKS_MAX_IN_FLIGHT", "1024",
                "VERK_WEBHOOKS_MAX_IN_FLIGHT_PER_WEBHOOK", "16",
                "VERK_WEBHOOKS_BATCH_SIZE", "100"));

    assertThat(p.nodeId()).isEqualTo("node-a");
    assertThat(p.database().poolSize()).isEqualTo(24);
    assertThat(p.webhooks().lease()).isEqualTo(Duration.ofSeconds(45));
    assertThat(p.webhooks().pollInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(p.webhooks().maxInFlight()).isEqualTo(1024);
    assertThat(p.webhooks().maxInFlightPerWebhook()).isEqualTo(16);
    assertThat(p.webhooks().batchSize()).isEqualTo(100);
  }

  @Test
  void the_defaults_are_the_documented_ones() {
    VerkProperties p = bind(Map.of());

    assertThat(p.nodeId()).isNull();
    assertThat(p.database().poolSize()).isEqualTo(10);
    assertThat(p.webhooks().lease()).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.webhooks().pollInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.webhooks().maxInFlight()).isEqualTo(512);
    assertThat(p.webhooks().maxInFlightPerWebhook()).isEqualTo(32);
    assertThat(p.webhooks().batchSize()).isEqualTo(200);
    assertThat(p.retention()).isEqualTo(Duration.ofDays(30));
  }
}
