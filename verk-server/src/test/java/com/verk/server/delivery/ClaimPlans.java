package com.verk.server.delivery;

import com.verk.server.storage.DatabaseKind;
import com.verk.server.testing.PostgresTestDatabase;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** For tests on a throwaway PostgreSQL database: its schema, and the executed plan of a claim. */
final class ClaimPlans {

  private ClaimPlans() {}

  /** A data source on {@code db} with Verk's PostgreSQL migrations applied. */
  static PGSimpleDataSource migrated(PostgresTestDatabase db) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(db.url());
    dataSource.setUser(db.user());
    Flyway.configure()
        .dataSource(dataSource)
        .locations(DatabaseKind.POSTGRES.migrationLocation())
        .load()
        .migrate();
    return dataSource;
  }

  /**
   * Executes the claim under {@code EXPLAIN ANALYZE}, rolled back, after {@code session} (SQL run
   * first in the same transaction, undone with it; null for none); returns its plan.
   */
  static JsonNode plan(DataSource dataSource, DeliveryStore.ClaimRequest r, String session) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    DeliveryStore store = new DeliveryStore(jdbc, DatabaseKind.POSTGRES);
    NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    String json =
        tx.execute(
            status -> {
              status.setRollbackOnly();
              if (session != null) {
                jdbc.execute(session);
              }
              return String.join(
                  "\n",
                  named.queryForList(
                      "EXPLAIN (ANALYZE, FORMAT JSON) " + store.claimStatement(r),
                      store.claimArguments(r),
                      String.class));
            });
    return JsonMapper.builder().build().readTree(json).get(0).get("Plan");
  }

  /** Rows of {@code deliveries} the executed plan produced or filtered out, over all loops. */
  static long deliveriesRowsRead(JsonNode node) {
    long rows = 0;
    if ("deliveries".equals(node.path("Relation Name").asString(""))) {
      long loops = Math.max(1, node.path("Actual Loops").asLong(1));
      rows +=
          (node.path("Actual Rows").asLong(0)
                  + node.path("Rows Removed by Filter").asLong(0)
                  + node.path("Rows Removed by Index Recheck").asLong(0))
              * loops;
    }
    for (JsonNode child : node.path("Plans")) {
      rows += deliveriesRowsRead(child);
    }
    return rows;
  }
}
