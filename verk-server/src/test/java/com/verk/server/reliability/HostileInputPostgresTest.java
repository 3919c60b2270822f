package com.verk.server.reliability;

import com.verk.server.testing.PostgresTestDatabase;
import org.junit.jupiter.api.BeforeAll;

/** The hostile-input properties against a server on PostgreSQL (skipped when it is absent). */
class HostileInputPostgresTest extends HostileInputTest {

  // Hides HostileInputTest.start(): this class's server runs on PostgreSQL.
  @BeforeAll
  static void start() {
    begin(LiveServer.start(PostgresTestDatabase.create()));
  }
}
