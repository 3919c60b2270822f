package com.verk.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Runs the contract against PostgreSQL at {@code VERK_TEST_POSTGRES_HOST:PORT} (default
 * 127.0.0.1:5432, user postgres) in a throwaway database. Skipped with a message when no server
 * answers, unless {@code VERK_TEST_REQUIRE_POSTGRES=1}.
 */
class PostgresJdbcDeliveryDeduplicatorTest extends DeliveryDeduplicatorContract {

  static final String DATABASE = "verk_test_sdk_" + UUID.randomUUID().toString().replace("-", "");
  static boolean created;
  static String unavailable;

  static PGSimpleDataSource dataSource(String database) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    String host = System.getenv().getOrDefault("VERK_TEST_POSTGRES_HOST", "127.0.0.1");
    ds.setServerNames(new String[] {host});
    ds.setPortNumbers(
        new int[] {
          Integer.parseInt(System.getenv().getOrDefault("VERK_TEST_POSTGRES_PORT", "5432"))
        });
    ds.setUser(System.getenv().getOrDefault("VERK_TEST_POSTGRES_USER", "postgres"));
    ds.setPassword(System.getenv().getOrDefault("VERK_TEST_POSTGRES_PASSWORD", ""));
    ds.setDatabaseName(database);
    ds.setConnectTimeout(3);
    return ds;
  }

  @BeforeAll
  static void createDatabase() {
    try (Connection c = dataSource("postgres").getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + DATABASE);
      created = true;
    } catch (SQLException e) {
      if ("1".equals(System.getenv("VERK_TEST_REQUIRE_POSTGRES"))) {
        throw new AssertionError("PostgreSQL is required but not reachable", e);
      }
      unavailable = "SKIPPED: no PostgreSQL answers (" + e.getMessage() + ")";
      System.err.println(unavailable);
    }
  }

  @BeforeEach
  void skipWithoutPostgres() {
    Assumptions.assumeTrue(unavailable == null, unavailable);
  }

  @AfterAll
  static void dropDatabase() throws SQLException {
    if (created) {
      try (Connection c = dataSource("postgres").getConnection();
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      }
    }
  }

  @Override
  DeliveryDeduplicator deduplicator() {
    return new JdbcDeliveryDeduplicator(
        dataSource(DATABASE),
        "dedup_" + Math.abs(System.nanoTime() % 1_000_000),
        CLAIM_TIMEOUT,
        clock);
  }

  @Test
  void processed_deliveries_survive_a_restart_and_are_shared_between_instances() {
    JdbcDeliveryDeduplicator first = new JdbcDeliveryDeduplicator(dataSource(DATABASE));
    JdbcDeliveryDeduplicator second = new JdbcDeliveryDeduplicator(dataSource(DATABASE));
    String id = "delivery_" + UUID.randomUUID();
    assertThat(first.tryClaim(id)).isTrue();
    assertThat(second.tryClaim(id)).isFalse();
    first.complete(id);
    assertThat(new JdbcDeliveryDeduplicator(dataSource(DATABASE)).firstTime(id)).isFalse();
  }
}
