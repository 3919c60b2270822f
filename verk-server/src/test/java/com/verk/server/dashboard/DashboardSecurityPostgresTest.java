package com.verk.server.dashboard;

import com.verk.server.testing.PostgresServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

class DashboardSecurityPostgresTest extends PostgresServerTest
    implements DashboardSecurityContract {

  @Autowired JdbcClient jdbc;
  @Autowired PasswordEncoder passwords;

  @Override
  public JdbcClient jdbc() {
    return jdbc;
  }

  @Override
  public PasswordEncoder passwords() {
    return passwords;
  }
}
