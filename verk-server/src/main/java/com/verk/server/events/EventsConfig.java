package com.verk.server.events;

import com.verk.server.storage.DatabaseKind;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Spring wiring for the plain-Java outbox writer. */
@Configuration(proxyBeanMethods = false)
class EventsConfig {

  @Bean
  EventPublisher eventPublisher(
      DataSource dataSource,
      Clock clock,
      JsonMapper json,
      DeliveryQueue queue,
      ObjectProvider<DeliveryWakeup> wakeup,
      DatabaseKind kind) {
    // Every DeliveryWakeup bean (the local dispatcher) is told after commit. They are looked up
    // at the first commit (they depend on beans that need this one) and then kept: a lookup per
    // commit cost more than the rest of the wake-up.
    AtomicReference<List<DeliveryWakeup>> resolved = new AtomicReference<>();
    DeliveryWakeup all =
        () -> {
          List<DeliveryWakeup> targets = resolved.get();
          if (targets == null) {
            targets = wakeup.orderedStream().toList();
            resolved.set(targets);
          }
          targets.forEach(DeliveryWakeup::wake);
        };
    return new EventPublisher(dataSource, clock, json, queue, all, kind);
  }
}
