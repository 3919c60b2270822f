package com.verk.server.events;

import com.verk.server.storage.DatabaseKind;
import java.time.Clock;
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
      ObjectProvider<DeliveryWakeup> wakeup,
      DatabaseKind database) {
    // Every DeliveryWakeup bean (the local dispatcher) is told after commit.
    return new EventPublisher(
        dataSource,
        clock,
        json,
        () -> wakeup.orderedStream().forEach(DeliveryWakeup::wake),
        database == DatabaseKind.POSTGRES);
  }
}
