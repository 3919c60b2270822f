package com.verk.server.cluster;

import com.verk.server.testing.PostgresServerTest;

class NodeHealthPostgresTest extends PostgresServerTest implements NodeHealthContract {

  @Override
  public String database() {
    return "postgresql";
  }
}
