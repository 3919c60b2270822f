package com.verk.server.events;

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
      DataSource dataSource, Clock clock, JsonMapper json, ObjectProvider<DeliveryWakeup> wakeup) {
    // The dispatcher registers a DeliveryWakeup bean; without one (tools, slices) nobody is woken.
    return new EventPublisher(
        dataSource, clock, json, () -> wakeup.ifAvailable(DeliveryWakeup::wake));
  }
}
