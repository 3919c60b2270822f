package com.verk.server.dashboard;

import com.verk.server.testing.PostgresServerTest;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;

class DeliveryChartsPostgresTest extends PostgresServerTest implements DeliveryChartsContract {

  @Autowired DataSource dataSource;

  @Override
  public DataSource dataSource() {
    return dataSource;
  }
}
