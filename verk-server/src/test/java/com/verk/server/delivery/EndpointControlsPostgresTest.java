package com.verk.server.delivery;

import com.verk.server.events.EventPublisher;
import com.verk.server.testing.PostgresServerTest;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;

class EndpointControlsPostgresTest extends PostgresServerTest implements EndpointControlsContract {

  @Autowired DataSource dataSource;
  @Autowired EventPublisher publisher;
  @Autowired Dispatcher dispatcher;
  @Autowired MeterRegistry meters;
  @Autowired Housekeeping housekeeping;

  @Override
  public DeliveryFixtures fixtures() {
    return new DeliveryFixtures(dataSource, publisher, dispatcher, clock);
  }

  @Override
  public MeterRegistry meters() {
    return meters;
  }

  @Override
  public Housekeeping housekeeping() {
    return housekeeping;
  }
}
