package com.verk.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import com.verk.server.testing.MutableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * API key last-used stamps are written off the request path: a use waits in memory (one stamp per
 * key, the latest), a flush writes them all in one transaction and never moves a stored stamp back,
 * a failed flush keeps them for the next one, and the number of waiting keys is bounded.
 */
class ApiKeyUsageTest {

  private static final String KEY = "vk_usageTest0000000000000000000000000000";
  private static final Instant T0 = Instant.parse("2024-01-15T10:30:00Z");

  @TempDir Path dir;

  private JdbcClient jdbc;
  private final AtomicBoolean down = new AtomicBoolean();
  private final MutableClock clock = MutableClock.fixed(T0);
  private ApiKeyUsage usage;
  private ApiKeyAuthenticator keys;

  @BeforeEach
  void setUp() {
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + dir.resolve("verk.db") + "?foreign_keys=true");
    Flyway.configure()
        .dataSource(sqlite)
        .locations("classpath:db/migration/sqlite")
        .load()
        .migrate();
    jdbc = JdbcClient.create(sqlite);
    jdbc.sql(
            "INSERT INTO organizations (id, name, plan, created_at, updated_at)"
                + " VALUES ('org_1', 'Initech', 'pro', 0, 0)")
        .update();
    insertKey("key_1", KEY);
    // The flusher's database can be switched off, as a database that is down or busy.
    DelegatingDataSource flaky =
        new DelegatingDataSource(sqlite) {
          @Override
          public Connection getConnection() throws SQLException {
            if (down.get()) {
              throw new SQLTransientConnectionException("database is down (test)");
            }
            return super.getConnection();
          }
        };
    usage = new ApiKeyUsage(flaky, Duration.ofSeconds(5), 3);
    keys =
        new ApiKeyAuthenticator(jdbc, usage, clock, new ApiKeyRevocations(), Ticker.systemTicker());
  }

  private void insertKey(String id, String raw) {
    jdbc.sql(
            "INSERT INTO api_keys (id, org_id, name, scopes, key_hash, key_prefix, created_at)"
                + " VALUES (?, 'org_1', ?, 'workspace:read', ?, 'vk_usage', 0)")
        .params(id, id, ApiKeyHasher.hash(raw))
        .update();
  }

  private Long stored(String id) {
    return jdbc.sql("SELECT last_used_at FROM api_keys WHERE id = ?")
        .param(id)
        .query(Long.class)
        .optional()
        .orElse(null);
  }

  @Test
  void a_use_is_written_by_the_flush_not_by_the_request() {
    assertThat(keys.authenticate(KEY)).isPresent();

    assertThat(stored("key_1")).as("the request wrote nothing").isNull();
    assertThat(usage.snapshot()).containsEntry("key_1", T0.toEpochMilli());
    assertThat(usage.pending("key_1")).isEqualTo(T0.toEpochMilli());

    assertThat(usage.flush()).isTrue();

    assertThat(stored("key_1")).isEqualTo(T0.toEpochMilli());
    assertThat(usage.snapshot()).isEmpty();
    assertThat(usage.pending("key_1")).isNull();
  }

  @Test
  void many_uses_within_a_minute_leave_one_stamp_and_a_later_minute_a_newer_one() {
    for (int i = 0; i < 50; i++) {
      assertThat(keys.authenticate(KEY)).isPresent();
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(usage.snapshot())
        .containsOnlyKeys("key_1")
        .containsEntry("key_1", T0.toEpochMilli());

    clock.advance(Duration.ofSeconds(10)); // 60 s after the first use
    assertThat(keys.authenticate(KEY)).isPresent();
    long later = T0.plusSeconds(60).toEpochMilli();
    assertThat(usage.snapshot()).containsOnlyKeys("key_1").containsEntry("key_1", later);

    assertThat(usage.flush()).isTrue();
    assertThat(stored("key_1")).isEqualTo(later);
  }

  @Test
  void a_flush_never_moves_a_stamp_back() {
    long newer = T0.plusSeconds(600).toEpochMilli();
    // Another node has already written a later use.
    jdbc.sql("UPDATE api_keys SET last_used_at = ? WHERE id = 'key_1'").param(newer).update();

    assertThat(usage.used("key_1", T0.toEpochMilli())).isTrue();
    assertThat(usage.flush()).isTrue();

    assertThat(stored("key_1")).isEqualTo(newer);

    assertThat(usage.used("key_1", newer + 60_000)).isTrue();
    assertThat(usage.flush()).isTrue();
    assertThat(stored("key_1")).isEqualTo(newer + 60_000);
  }

  @Test
  void a_failed_flush_keeps_the_stamps_for_the_next_one_and_keeps_newer_ones() {
    insertKey("key_2", "vk_usageTest2222222222222222222222222222");
    long t0 = T0.toEpochMilli();
    usage.used("key_1", t0);
    usage.used("key_2", t0);

    down.set(true);
    assertThat(usage.flush()).as("failed, without throwing").isFalse();
    assertThat(usage.snapshot())
        .as("every stamp given back")
        .containsEntry("key_1", t0)
        .containsEntry("key_2", t0)
        .hasSize(2);
    assertThat(stored("key_1")).isNull();

    // Uses after the failure: a newer stamp wins over the given-back one, an older one does not.
    usage.used("key_1", t0 + 120_000);
    usage.used("key_2", t0 - 120_000);
    assertThat(usage.flush()).isFalse();
    assertThat(usage.snapshot())
        .containsEntry("key_1", t0 + 120_000)
        .containsEntry("key_2", t0)
        .hasSize(2);

    down.set(false);
    assertThat(usage.flush()).isTrue();
    assertThat(stored("key_1")).isEqualTo(t0 + 120_000);
    assertThat(stored("key_2")).isEqualTo(t0);
    assertThat(usage.snapshot()).isEmpty();
  }

  @Test
  void a_flush_that_fails_inside_its_transaction_gives_the_stamps_back() {
    long t0 = T0.toEpochMilli();
    usage.used("key_1", t0);
    jdbc.sql("ALTER TABLE api_keys RENAME COLUMN last_used_at TO last_used_gone").update();

    assertThat(usage.flush()).isFalse();
    assertThat(usage.snapshot()).containsExactlyEntriesOf(Map.of("key_1", t0));

    jdbc.sql("ALTER TABLE api_keys RENAME COLUMN last_used_gone TO last_used_at").update();
    assertThat(usage.flush()).isTrue();
    assertThat(stored("key_1")).isEqualTo(t0);
  }

  @Test
  void the_number_of_waiting_keys_is_bounded_and_a_key_not_kept_is_stamped_on_its_next_use() {
    long t0 = T0.toEpochMilli();
    assertThat(usage.used("key_a", t0)).isTrue();
    assertThat(usage.used("key_b", t0)).isTrue();
    assertThat(usage.used("key_c", t0)).isTrue();

    assertThat(usage.used("key_d", t0)).as("a fourth key is over the bound of 3").isFalse();
    assertThat(usage.used("key_a", t0 + 60_000)).as("a waiting key still moves").isTrue();
    assertThat(usage.snapshot()).containsOnlyKeys("key_a", "key_b", "key_c");

    // Through the authenticator: the key is not stamped, and its next request tries again.
    assertThat(keys.authenticate(KEY)).isPresent();
    assertThat(usage.snapshot()).doesNotContainKey("key_1");
    clock.advance(Duration.ofSeconds(1));

    // A failed flush gives back what it took, so the bound holds across it.
    down.set(true);
    assertThat(usage.flush()).isFalse();
    assertThat(usage.used("key_d", t0)).isFalse();
    assertThat(usage.snapshot()).hasSize(3);

    down.set(false);
    assertThat(usage.flush()).isTrue();
    assertThat(keys.authenticate(KEY)).isPresent();
    assertThat(usage.snapshot()).containsOnlyKeys("key_1");
    assertThat(usage.flush()).isTrue();
    assertThat(stored("key_1")).isEqualTo(T0.plusSeconds(1).toEpochMilli());
  }

  @Test
  void the_list_of_keys_shows_a_stamp_of_this_node_that_waits() {
    ApiKeyService service = new ApiKeyService(jdbc, usage, clock, new ApiKeyRevocations());
    assertThat(keys.authenticate(KEY)).isPresent();

    assertThat(stored("key_1")).isNull();
    assertThat(service.list("org_1"))
        .singleElement()
        .extracting(ApiKeyService.ApiKeyInfo::lastUsedAt)
        .isEqualTo(T0.toEpochMilli());
  }

  @Test
  void closing_writes_what_waits() {
    usage.used("key_1", T0.toEpochMilli());

    usage.close();

    assertThat(stored("key_1")).isEqualTo(T0.toEpochMilli());
  }
}
