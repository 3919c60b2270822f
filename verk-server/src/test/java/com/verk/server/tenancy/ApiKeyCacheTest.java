package com.verk.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.sqlite.SQLiteDataSource;

/**
 * The cache of authenticated API keys: a revocation on this node is immediate (after its commit),
 * one made elsewhere (straight in the database, as another node would) is honoured within the
 * cache's time to live, and unknown keys are never remembered.
 */
class ApiKeyCacheTest {

  private static final String KEY = "vk_cacheTest0000000000000000000000000000";

  @TempDir Path dir;

  private JdbcClient jdbc;
  private SQLiteDataSource dataSource;
  private final AtomicLong nanos = new AtomicLong();
  private final ApiKeyRevocations revocations = new ApiKeyRevocations();
  private ApiKeyAuthenticator keys;

  @BeforeEach
  void setUp() {
    dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + dir.resolve("verk.db") + "?foreign_keys=true");
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration/sqlite")
        .load()
        .migrate();
    jdbc = JdbcClient.create(dataSource);
    jdbc.sql(
            "INSERT INTO organizations (id, name, plan, created_at, updated_at)"
                + " VALUES ('org_1', 'Initech', 'pro', 0, 0)")
        .update();
    jdbc.sql(
            "INSERT INTO api_keys (id, org_id, name, scopes, key_hash, key_prefix, created_at)"
                + " VALUES ('key_1', 'org_1', 'k', 'workspace:read', ?, 'vk_cache', 0)")
        .param(ApiKeyHasher.hash(KEY))
        .update();
    ApiKeyUsage usage =
        new ApiKeyUsage(dataSource, ApiKeyUsage.DEFAULT_FLUSH_INTERVAL, ApiKeyUsage.MAX_PENDING);
    keys = new ApiKeyAuthenticator(jdbc, usage, Clock.systemUTC(), revocations, nanos::get);
  }

  private void revokeInTheDatabase() {
    jdbc.sql("UPDATE api_keys SET revoked_at = 1 WHERE id = 'key_1'").update();
  }

  @Test
  void a_revocation_committed_on_this_node_refuses_the_key_at_once() {
    assertThat(keys.authenticate(KEY)).isPresent();

    new TransactionTemplate(new DataSourceTransactionManager(dataSource))
        .executeWithoutResult(
            status -> {
              revokeInTheDatabase();
              revocations.revoked();
              assertThat(keys.authenticate(KEY))
                  .as("not before the commit: the cache is only trusted up to it")
                  .isPresent();
            });

    assertThat(keys.authenticate(KEY)).isEmpty();
  }

  @Test
  void a_rolled_back_revocation_changes_nothing() {
    assertThat(keys.authenticate(KEY)).isPresent();
    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

    tx.executeWithoutResult(
        status -> {
          revocations.revoked();
          status.setRollbackOnly();
        });

    assertThat(keys.authenticate(KEY)).isPresent();
  }

  @Test
  void a_revocation_made_by_another_node_takes_effect_within_the_time_to_live() {
    assertThat(keys.authenticate(KEY)).isPresent();

    revokeInTheDatabase();
    nanos.addAndGet(ApiKeyAuthenticator.CACHE_TTL.toNanos() - 1);
    assertThat(keys.authenticate(KEY)).as("still cached").isPresent();
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));

    assertThat(keys.authenticate(KEY)).isEmpty();
  }

  @Test
  void an_unknown_key_is_read_from_the_database_every_time() {
    String later = "vk_addedLater00000000000000000000000000000";
    assertThat(keys.authenticate(later)).isEmpty();

    jdbc.sql(
            "INSERT INTO api_keys (id, org_id, name, scopes, key_hash, key_prefix, created_at)"
                + " VALUES ('key_2', 'org_1', 'k2', 'workspace:read', ?, 'vk_added', 0)")
        .param(ApiKeyHasher.hash(later))
        .update();

    assertThat(keys.authenticate(later)).as("a miss was not remembered").isPresent();
  }
}
