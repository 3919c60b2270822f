package com.verk.server.delivery;

import com.verk.server.alerts.Alerting;
import com.verk.server.cluster.NodeId;
import com.verk.server.events.DeliveryQueue;
import com.verk.server.storage.DatabaseKind;
import com.verk.server.system.VerkProperties;
import com.verk.server.webhooks.SecretCipher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Spring wiring for the plain-Java delivery engine. */
@Configuration(proxyBeanMethods = false)
class DeliveryConfig {

  @Bean(destroyMethod = "close")
  DeliveryEngine deliveryEngine(
      DataSource dataSource,
      @Qualifier("deliveryDataSource") DataSource deliveryDataSource,
      Clock clock,
      JsonMapper json,
      DatabaseKind kind,
      VerkProperties properties,
      ObjectProvider<MeterRegistry> registry,
      ObjectProvider<BuildProperties> build,
      NodeId node,
      SecretCipher secrets,
      Alerting alerting) {
    return new DeliveryEngine(
        dataSource,
        deliveryDataSource,
        clock,
        json,
        kind,
        properties,
        registry.getIfAvailable(SimpleMeterRegistry::new),
        "Verk-Webhooks/" + version(build.getIfAvailable()),
        node.value(),
        secrets,
        alerting);
  }

  /** What the cluster package's health indicator reads. */
  @Bean
  DeliveryMonitor deliveryMonitor(DeliveryEngine engine) {
    return engine::status;
  }

  /** Registered as the events package's DeliveryWakeup: the outbox wakes it after commit. */
  @Bean(destroyMethod = "")
  Dispatcher deliveryDispatcher(DeliveryEngine engine) {
    return engine.dispatcher();
  }

  /** The events package's outbox writer queues deliveries through the engine's store. */
  @Bean
  DeliveryQueue deliveryQueue(DeliveryEngine engine) {
    return engine.queue();
  }

  @Bean
  DeliveryLog deliveryLog(DeliveryEngine engine) {
    return engine.deliveryLog();
  }

  @Bean
  DeliveryActions deliveryActions(DeliveryEngine engine) {
    return engine.actions();
  }

  @Bean(destroyMethod = "")
  Housekeeping deliveryHousekeeping(DeliveryEngine engine) {
    return engine.housekeeping();
  }

  /** Starts after every bean (Flyway has migrated), stops before the database pool closes. */
  @Bean
  SmartLifecycle deliveryLifecycle(DeliveryEngine engine) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        engine.start();
        running = true;
      }

      @Override
      public void stop() {
        engine.stop();
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }
    };
  }

  private static String version(BuildProperties build) {
    if (build != null && build.getVersion() != null) {
      return build.getVersion();
    }
    String manifest = DeliveryConfig.class.getPackage().getImplementationVersion();
    return manifest != null ? manifest : "dev";
  }
}
