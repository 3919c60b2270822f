package com.verk.server.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A throwaway PostgreSQL database on 127.0.0.1:5432 (user postgres, trust auth). When no server
 * answers, tests using it are skipped with a visible message, unless VERK_TEST_REQUIRE_POSTGRES=1
 * (as in CI), where they fail instead.
 */
public final class PostgresTestDatabase implements AutoCloseable {

  public static final String SERVER =
      System.getenv().getOrDefault("VERK_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/");
  public static final String USER =
      System.getenv().getOrDefault("VERK_TEST_POSTGRES_USER", "postgres");

  private final String name;

  private PostgresTestDatabase(String name) {
    this.name = name;
  }

  /** Creates a fresh database, or skips (fails when required) when PostgreSQL is not reachable. */
  public static PostgresTestDatabase create() {
    String name = "verk_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      if (required()) {
        throw new IllegalStateException(
            "VERK_TEST_REQUIRE_POSTGRES=1 but PostgreSQL at " + SERVER + " is not usable", e);
      }
      System.err.println(
          "SKIPPED: PostgreSQL at " + SERVER + " is not reachable (" + e.getMessage() + ")");
      assumeTrue(false, "PostgreSQL not reachable at " + SERVER);
    }
    return new PostgresTestDatabase(name);
  }

  public static boolean required() {
    String v = System.getenv("VERK_TEST_REQUIRE_POSTGRES");
    return v != null && (v.equals("1") || v.toLowerCase(Locale.ROOT).equals("true"));
  }

  public String url() {
    return SERVER + name;
  }

  public String user() {
    return USER;
  }

  public String name() {
    return name;
  }

  @Override
  public void close() {
    try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      System.err.println("Could not drop test database " + name + ": " + e.getMessage());
    }
  }
}
