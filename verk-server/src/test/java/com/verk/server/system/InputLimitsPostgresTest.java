package com.verk.server.system;

import com.verk.server.testing.PostgresServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class InputLimitsPostgresTest extends PostgresServerTest implements InputLimitsContract {

  @Autowired JdbcClient jdbc;

  @Override
  public JdbcClient jdbc() {
    return jdbc;
  }
}
