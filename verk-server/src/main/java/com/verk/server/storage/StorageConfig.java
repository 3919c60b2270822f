package com.verk.server.storage;

import com.verk.server.system.VerkProperties;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Primary;

/**
 * Chooses the database: the embedded SQLite file under {@code VERK_DATA_DIR} by default, or
 * PostgreSQL when {@code VERK_DATABASE_URL} is a {@code jdbc:postgresql:} URL.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfig {

  private static final Logger log = LoggerFactory.getLogger(StorageConfig.class);

  private static final Duration SQLITE_BUSY_TIMEOUT = Duration.ofSeconds(10);
  private static final int SQLITE_POOL_SIZE = 8;
  private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

  /** Connections of the delivery engine's pool, on either database. */
  private static final int DELIVERY_POOL_SIZE = 3;

  @Bean
  DatabaseKind databaseKind(VerkProperties properties) {
    return properties.database().isPostgres() ? DatabaseKind.POSTGRES : DatabaseKind.SQLITE;
  }

  /** Held for the life of the process in SQLite mode; absent on PostgreSQL. */
  @Bean(destroyMethod = "close")
  DataDirLock dataDirLock(VerkProperties properties, DatabaseKind kind) {
    DataDir.prepare(properties.dataDir());
    return kind == DatabaseKind.SQLITE ? DataDirLock.acquire(properties.dataDir()) : null;
  }

  /**
   * Queues this process's SQLite writers fairly (see {@link SqliteWriteGate}); shared by both
   * pools. Unused on PostgreSQL.
   */
  @Bean
  SqliteWriteGate sqliteWriteGate() {
    return new SqliteWriteGate(SQLITE_BUSY_TIMEOUT);
  }

  /**
   * The pool of API requests, the dashboard and everything else. The folder is locked before the
   * database file is opened.
   */
  @Bean(destroyMethod = "close")
  @Primary
  @DependsOn("dataDirLock")
  HikariDataSource dataSource(VerkProperties properties, DatabaseKind kind, SqliteWriteGate gate) {
    HikariConfig config = config("verk", properties, kind, gate);
    config.setMaximumPoolSize(
        kind == DatabaseKind.POSTGRES ? properties.database().poolSize() : SQLITE_POOL_SIZE);
    if (kind == DatabaseKind.POSTGRES) {
      log.info("Storage: PostgreSQL at {}", properties.database().url());
    } else {
      log.info("Storage: embedded SQLite at {}", sqliteFile(properties.dataDir()).toAbsolutePath());
    }
    return new HikariDataSource(config);
  }

  /**
   * The delivery engine's own small pool (dispatcher, recorder, housekeeping), so that a burst of
   * API calls waiting for connections cannot hold up claims and outcome writes.
   */
  @Bean(destroyMethod = "close")
  @DependsOn("dataDirLock")
  HikariDataSource deliveryDataSource(
      VerkProperties properties, DatabaseKind kind, SqliteWriteGate gate) {
    HikariConfig config = config("verk-delivery", properties, kind, gate);
    config.setMaximumPoolSize(DELIVERY_POOL_SIZE);
    config.setMinimumIdle(DELIVERY_POOL_SIZE);
    if (kind == DatabaseKind.POSTGRES) {
      // The claim's best plan depends on how the due rows are spread (one organization's backlog
      // or many small queues). A generic plan cached while the table was small read a whole
      // backlog on every claim in the noisy-neighbour benchmark; plan each execution instead.
      // The engine's commits (claims, lease renewals, outcomes) do not wait for the WAL flush:
      // everything they write can be redone, and is (a PostgreSQL crash loses at most the last
      // few hundred milliseconds of them: those deliveries are sent again, at least once, as after
      // a crash of Verk). Nothing an API caller was acknowledged is written on this pool.
      config.setConnectionInitSql(DatabaseKind.POSTGRES_ENGINE_SESSION);
    }
    return new HikariDataSource(config);
  }

  private static HikariConfig config(
      String name, VerkProperties properties, DatabaseKind kind, SqliteWriteGate gate) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    // While the database is away a caller waits this long for a connection, then gets a 503.
    config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
    if (kind == DatabaseKind.POSTGRES) {
      VerkProperties.Database db = properties.database();
      config.setJdbcUrl(db.url());
      config.setUsername(db.user());
      config.setPassword(db.password());
      // A batch of inserts (one delivery per subscribed webhook) becomes one multi-row INSERT:
      // one statement for PostgreSQL to execute instead of one per row. Nothing reads the
      // per-row counts of an insert batch (the driver then reports SUCCESS_NO_INFO).
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    } else {
      // IMMEDIATE takes the write lock at BEGIN, so two writers never deadlock upgrading a read
      // lock; the gate queues this process's writers, busy_timeout guards against other processes.
      // mmap: pages of the database file are read from the OS cache without a pread each (a
      // connection's page cache starts empty after every commit of another connection).
      // Checkpoints run in the background (SqliteCheckpointer); the connections' own are a safety
      // net, and the log is cut back to 64 MiB after each reset.
      String url =
          sqliteUrl(properties)
              + "&transaction_mode=IMMEDIATE&foreign_keys=true&mmap_size=268435456"
              + "&wal_autocheckpoint="
              + SqliteCheckpointer.SAFETY_NET_PAGES
              + "&journal_size_limit=67108864";
      config.setDataSource(new GatedSqliteDataSource(url, gate));
    }
    return config;
  }

  /** Background checkpoints of SQLite's write-ahead log; nothing on PostgreSQL. */
  @Bean(destroyMethod = "close")
  @DependsOn("dataDirLock")
  AutoCloseable sqliteCheckpointer(VerkProperties properties, DatabaseKind kind) {
    if (kind == DatabaseKind.POSTGRES) {
      return () -> {};
    }
    return new SqliteCheckpointer(sqliteUrl(properties), Duration.ofMillis(500));
  }

  private static String sqliteUrl(VerkProperties properties) {
    return "jdbc:sqlite:"
        + sqliteFile(properties.dataDir())
        + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout="
        + SQLITE_BUSY_TIMEOUT.toMillis();
  }

  @Bean
  FlywayConfigurationCustomizer verkMigrations(DatabaseKind kind) {
    return configuration -> configuration.locations(kind.migrationLocation());
  }

  /**
   * The database file, created empty as 0600 before SQLite opens it: SQLite gives its -wal and -shm
   * files the permissions of the database file.
   */
  private static Path sqliteFile(Path dataDir) {
    DataDir.prepare(dataDir);
    return DataDir.privateFile(dataDir.resolve("verk.db"));
  }
}
