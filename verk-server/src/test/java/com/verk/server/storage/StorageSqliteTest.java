package com.verk.server.storage;

import com.verk.server.testing.SqliteServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class StorageSqliteTest extends SqliteServerTest implements StorageContract {

  @Autowired JdbcClient jdbc;

  @Override
  public JdbcClient jdbc() {
    return jdbc;
  }
}
