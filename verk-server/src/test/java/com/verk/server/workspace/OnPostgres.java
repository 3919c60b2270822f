package com.verk.server.workspace;

import com.verk.server.testing.PostgresServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The workspace contracts on PostgreSQL, sharing the PostgreSQL server of the other contracts. */
abstract class OnPostgres extends PostgresServerTest implements WorkspaceAccess {

  @Autowired JdbcClient jdbc;

  @Override
  public JdbcClient jdbc() {
    return jdbc;
  }
}
