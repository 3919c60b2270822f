package com.verk.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class SqliteJdbcDeliveryDeduplicatorTest extends DeliveryDeduplicatorContract {

  @TempDir Path dir;

  SQLiteDataSource dataSource() {
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + dir.resolve("dedup.db"));
    ds.setBusyTimeout(10_000);
    return ds;
  }

  @Override
  DeliveryDeduplicator deduplicator() {
    return new JdbcDeliveryDeduplicator(dataSource(), "dedup", CLAIM_TIMEOUT, clock);
  }

  @Test
  void processed_deliveries_survive_a_restart() {
    assertThat(deduplicator().firstTime("delivery_a")).isTrue();
    DeliveryDeduplicator afterRestart = deduplicator();
    assertThat(afterRestart.firstTime("delivery_a")).isFalse();
  }

  @Test
  void old_completed_deliveries_can_be_purged() {
    JdbcDeliveryDeduplicator dedup =
        new JdbcDeliveryDeduplicator(dataSource(), "dedup", CLAIM_TIMEOUT, clock);
    dedup.firstTime("delivery_old");
    clock.advance(java.time.Duration.ofDays(8));
    dedup.firstTime("delivery_new");
    assertThat(dedup.purgeCompletedBefore(clock.instant().minus(java.time.Duration.ofDays(7))))
        .isEqualTo(1);
    assertThat(dedup.firstTime("delivery_old")).isTrue();
    assertThat(dedup.firstTime("delivery_new")).isFalse();
  }
}
