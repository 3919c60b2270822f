package com.verk.server.delivery;

import com.verk.server.testing.ServerAccess;
import io.micrometer.core.instrument.MeterRegistry;

/** What the delivery contract needs beyond HTTP access to the server. */
interface DeliveryServerAccess extends ServerAccess {

  DeliveryFixtures fixtures();

  MeterRegistry meters();

  Housekeeping housekeeping();
}
