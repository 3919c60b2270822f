package com.verk.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.storage.DatabaseKind;
import com.verk.server.system.VerkProperties;
import com.verk.server.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/** Cluster nodes starting together on an empty PostgreSQL database bootstrap exactly once. */
class ConcurrentBootstrapPostgresTest {

  private static final int NODES = 4;

  @Test
  void nodes_starting_together_on_an_empty_database_create_one_first_organization()
      throws Exception {
    try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setUrl(db.url());
      dataSource.setUser(db.user());
      Flyway.configure()
          .dataSource(dataSource)
          .locations(DatabaseKind.POSTGRES.migrationLocation())
          .load()
          .migrate();
      VerkProperties properties =
          new VerkProperties(
              Path.of("unused"),
              new VerkProperties.Database(db.url(), db.user(), null, 10),
              new VerkProperties.Bootstrap(
                  "Initech", "pro", "vk_clusterBootstrapKey00000000000000000000", null, null),
              null,
              null,
              Duration.ofDays(30),
              null,
              null,
              null,
              null,
              null,
              null);
      ExecutorService pool = Executors.newFixedThreadPool(NODES);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> runs = new ArrayList<>();
      try {
        for (int i = 0; i < NODES; i++) {
          Bootstrap node =
              new Bootstrap(
                  JdbcClient.create(dataSource),
                  new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                  new Organizations(
                      JdbcClient.create(dataSource), Clock.systemUTC(), DatabaseKind.POSTGRES),
                  properties,
                  new BCryptPasswordEncoder(4),
                  DatabaseKind.POSTGRES);
          runs.add(
              pool.submit(
                  () -> {
                    start.await();
                    node.run(null);
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> run : runs) {
          run.get(); // a node whose bootstrap failed would fail here
        }
      } finally {
        pool.shutdownNow();
      }

      JdbcClient jdbc = JdbcClient.create(dataSource);
      assertThat(jdbc.sql("SELECT COUNT(*) FROM organizations").query(Long.class).single())
          .isEqualTo(1);
      assertThat(jdbc.sql("SELECT COUNT(*) FROM members").query(Long.class).single()).isEqualTo(1);
      assertThat(jdbc.sql("SELECT COUNT(*) FROM api_keys").query(Long.class).single()).isEqualTo(1);
    }
  }
}
