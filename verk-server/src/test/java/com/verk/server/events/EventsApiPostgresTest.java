package com.verk.server.events;

import com.verk.server.testing.PostgresServerTest;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;

class EventsApiPostgresTest extends PostgresServerTest implements EventsApiContract {

  @Autowired DataSource dataSource;

  @Override
  public DataSource dataSource() {
    return dataSource;
  }
}
