package com.verk.server.workspace;

import com.verk.server.events.DeliveryWakeup;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

class DeliveredEventsPostgresTest extends OnPostgres implements DeliveredEventsContract {

  @Autowired ObjectProvider<DeliveryWakeup> engine;

  @Override
  public boolean deliveryEngineRunning() {
    return engine.stream().findAny().isPresent();
  }
}
