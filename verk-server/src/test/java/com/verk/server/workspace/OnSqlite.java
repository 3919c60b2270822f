package com.verk.server.workspace;

import com.verk.server.testing.SqliteServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The workspace contracts on SQLite, sharing the SQLite server of the other contracts. */
abstract class OnSqlite extends SqliteServerTest implements WorkspaceAccess {

  @Autowired JdbcClient jdbc;

  @Override
  public JdbcClient jdbc() {
    return jdbc;
  }
}
