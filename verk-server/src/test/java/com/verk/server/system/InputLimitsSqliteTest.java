package com.verk.server.system;

import com.verk.server.testing.SqliteServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class InputLimitsSqliteTest extends SqliteServerTest implements InputLimitsContract {

  @Autowired JdbcClient jdbc;

  @Override
  public JdbcClient jdbc() {
    return jdbc;
  }
}
