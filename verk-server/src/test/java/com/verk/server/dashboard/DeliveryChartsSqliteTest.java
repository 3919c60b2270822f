package com.verk.server.dashboard;

import com.verk.server.testing.SqliteServerTest;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;

class DeliveryChartsSqliteTest extends SqliteServerTest implements DeliveryChartsContract {

  @Autowired DataSource dataSource;

  @Override
  public DataSource dataSource() {
    return dataSource;
  }
}
