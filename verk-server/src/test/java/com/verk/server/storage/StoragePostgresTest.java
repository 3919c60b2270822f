package com.verk.server.storage;

import com.verk.server.testing.PostgresServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class StoragePostgresTest extends PostgresServerTest implements StorageContract {

  @Autowired JdbcClient jdbc;

  @Override
  public JdbcClient jdbc() {
    return jdbc;
  }
}
