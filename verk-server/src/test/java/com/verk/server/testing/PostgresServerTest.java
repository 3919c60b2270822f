package com.verk.server.testing;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The server on PostgreSQL, in a throwaway database made once per test JVM. Skipped with a message
 * when PostgreSQL does not answer, failed instead when VERK_TEST_REQUIRE_POSTGRES=1.
 */
public abstract class PostgresServerTest extends ServerTest {

  /** The operator key for webhook secrets at rest that PostgreSQL servers under test run with. */
  public static final String SECRETS_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  private static PostgresTestDatabase database;

  @BeforeAll
  static synchronized void requirePostgres() {
    if (database == null) {
      database = PostgresTestDatabase.create();
      Runtime.getRuntime().addShutdownHook(new Thread(database::close));
    }
  }

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("verk.database.url", () -> database.url());
    registry.add("verk.database.user", () -> database.user());
    registry.add("verk.secrets.key", () -> SECRETS_KEY);
    registry.add("verk.data-dir", () -> SqliteServerTest.tempDir().toString());
  }
}
