package com.verk.server.storage;

import com.verk.server.system.VerkProperties;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * Chooses the database: the embedded SQLite file under {@code VERK_DATA_DIR} by default, or
 * PostgreSQL when {@code VERK_DATABASE_URL} is a {@code jdbc:postgresql:} URL.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfig {

  private static final Logger log = LoggerFactory.getLogger(StorageConfig.class);

  @Bean
  DatabaseKind databaseKind(VerkProperties properties) {
    return properties.database().isPostgres() ? DatabaseKind.POSTGRES : DatabaseKind.SQLITE;
  }

  /** Held for the life of the process in SQLite mode; absent on PostgreSQL. */
  @Bean(destroyMethod = "close")
  DataDirLock dataDirLock(VerkProperties properties, DatabaseKind kind) {
    return kind == DatabaseKind.SQLITE ? DataDirLock.acquire(properties.dataDir()) : null;
  }

  // The folder is locked before the database file is opened.
  @Bean(destroyMethod = "close")
  @DependsOn("dataDirLock")
  HikariDataSource dataSource(VerkProperties properties, DatabaseKind kind) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("verk");
    if (kind == DatabaseKind.POSTGRES) {
      VerkProperties.Database db = properties.database();
      config.setJdbcUrl(db.url());
      config.setUsername(db.user());
      config.setPassword(db.password());
      config.setMaximumPoolSize(db.poolSize());
      log.info("Storage: PostgreSQL at {}", db.url());
    } else {
      Path file = sqliteFile(properties.dataDir());
      // IMMEDIATE takes the write lock at BEGIN, so two writers never deadlock upgrading a read
      // lock; busy_timeout makes the second one wait instead of failing at once.
      config.setJdbcUrl(
          "jdbc:sqlite:"
              + file
              + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=10000"
              + "&transaction_mode=IMMEDIATE&foreign_keys=true");
      config.setMaximumPoolSize(8);
      log.info("Storage: embedded SQLite at {}", file.toAbsolutePath());
    }
    return new HikariDataSource(config);
  }

  @Bean
  FlywayConfigurationCustomizer verkMigrations(DatabaseKind kind) {
    return configuration -> configuration.locations(kind.migrationLocation());
  }

  private static Path sqliteFile(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the data folder " + dataDir, e);
    }
    return dataDir.resolve("verk.db");
  }
}
