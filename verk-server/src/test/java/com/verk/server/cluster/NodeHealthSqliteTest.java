package com.verk.server.cluster;

import com.verk.server.testing.SqliteServerTest;

class NodeHealthSqliteTest extends SqliteServerTest implements NodeHealthContract {

  @Override
  public String database() {
    return "sqlite";
  }
}
