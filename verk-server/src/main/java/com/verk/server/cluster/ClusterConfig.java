package com.verk.server.cluster;

import com.verk.server.delivery.DeliveryMonitor;
import com.verk.server.storage.DatabaseKind;
import com.verk.server.system.VerkProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Node-level wiring: this node's identity, its metrics tag, and the dispatcher's health. */
@Configuration(proxyBeanMethods = false)
class ClusterConfig {

  private static final Logger log = LoggerFactory.getLogger(ClusterConfig.class);

  @Bean
  NodeId nodeId(VerkProperties properties, DatabaseKind kind) {
    NodeId node = NodeId.resolve(properties.nodeId());
    log.info(
        "Verk node {}: {}",
        node,
        kind == DatabaseKind.POSTGRES
            ? "PostgreSQL, cluster mode (any number of nodes on this database)"
            : "embedded SQLite, single node (one process per data folder)");
    return node;
  }

  /** Every meter carries {@code node}, so one dashboard can compare the nodes of a cluster. */
  @Bean
  MeterRegistryCustomizer<MeterRegistry> nodeMetricsTag(NodeId node) {
    return registry -> registry.config().commonTags("node", node.value());
  }

  /** Registered as the {@code dispatcher} health component. */
  @Bean
  HealthIndicator dispatcherHealthIndicator(DeliveryMonitor monitor, VerkProperties properties) {
    return new DispatcherHealthIndicator(monitor, stallAfter(properties.webhooks()));
  }

  /** A pass ends at least every poll interval; a minute of silence is clearly not a slow pass. */
  static Duration stallAfter(VerkProperties.Webhooks webhooks) {
    Duration tenPolls = webhooks.pollInterval().multipliedBy(10);
    Duration minute = Duration.ofMinutes(1);
    return tenPolls.compareTo(minute) > 0 ? tenPolls : minute;
  }
}
