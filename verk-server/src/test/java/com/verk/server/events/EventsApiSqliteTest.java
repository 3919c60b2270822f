package com.verk.server.events;

import com.verk.server.testing.SqliteServerTest;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;

class EventsApiSqliteTest extends SqliteServerTest implements EventsApiContract {

  @Autowired DataSource dataSource;

  @Override
  public DataSource dataSource() {
    return dataSource;
  }
}
