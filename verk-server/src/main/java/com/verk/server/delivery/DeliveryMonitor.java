package com.verk.server.delivery;

/** Read-only view of the engine for node-level checks (health) outside this package. */
@FunctionalInterface
public interface DeliveryMonitor {

  EngineStatus status();
}
