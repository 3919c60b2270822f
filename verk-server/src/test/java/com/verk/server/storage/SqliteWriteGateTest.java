package com.verk.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteWriteGateTest {

  @TempDir Path dir;
  private SqliteWriteGate gate;
  private GatedSqliteDataSource dataSource;
  private final ExecutorService other = Executors.newSingleThreadExecutor();

  @BeforeEach
  void open() throws SQLException {
    gate = new SqliteWriteGate(Duration.ofSeconds(10));
    dataSource = dataSource(gate);
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (n INTEGER)");
    }
  }

  private GatedSqliteDataSource dataSource(SqliteWriteGate g) {
    return new GatedSqliteDataSource(
        "jdbc:sqlite:"
            + dir.resolve("gate.db")
            + "?journal_mode=WAL&busy_timeout=10000&transaction_mode=IMMEDIATE",
        g);
  }

  @AfterEach
  void close() {
    other.shutdownNow();
  }

  @Test
  void the_first_keyword_tells_reads_from_writes() {
    assertThat(SqliteWriteGate.readsOnly("SELECT 1")).isTrue();
    assertThat(SqliteWriteGate.readsOnly("  -- note\n /* c */ (select * from t)")).isTrue();
    assertThat(SqliteWriteGate.readsOnly("explain query plan select 1")).isTrue();
    assertThat(SqliteWriteGate.readsOnly("UPDATE t SET n = 1 RETURNING n")).isFalse();
    assertThat(SqliteWriteGate.readsOnly("WITH x AS (SELECT 1) DELETE FROM t")).isFalse();
    assertThat(SqliteWriteGate.readsOnly("insert into t values (1)")).isFalse();
    assertThat(SqliteWriteGate.readsOnly("PRAGMA journal_mode=WAL")).isFalse();
    assertThat(SqliteWriteGate.readsOnly("")).isFalse();
  }

  @Test
  void a_second_transaction_queues_behind_the_first_and_starts_when_it_ends() throws Exception {
    try (Connection first = dataSource.getConnection()) {
      first.setAutoCommit(false);
      insert(first, 1);

      CompletableFuture<Long> second =
          CompletableFuture.supplyAsync(
              () -> {
                try (Connection c = dataSource.getConnection()) {
                  c.setAutoCommit(false);
                  long seen = count(c);
                  insert(c, 2);
                  c.commit();
                  c.setAutoCommit(true);
                  return seen;
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              },
              other);
      awaitQueue(1);
      assertThat(second).isNotDone();

      first.commit();
      first.setAutoCommit(true);
      // It started after the first committed, so it saw its row.
      assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }
    assertThat(gate.queueLength()).isZero();
    try (Connection c = dataSource.getConnection()) {
      assertThat(count(c)).isEqualTo(2);
    }
  }

  @Test
  void a_write_outside_a_transaction_waits_for_the_gate_and_a_read_does_not() throws Exception {
    try (Connection first = dataSource.getConnection();
        Connection reader = dataSource.getConnection()) {
      first.setAutoCommit(false);
      insert(first, 1);

      assertThat(count(reader)).isZero(); // a plain read passes the held gate
      CompletableFuture<Void> write =
          CompletableFuture.runAsync(
              () -> {
                try (Connection c = dataSource.getConnection()) {
                  insert(c, 2);
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              },
              other);
      awaitQueue(1);
      assertThat(write).isNotDone();

      first.commit();
      first.setAutoCommit(true);
      write.get(10, TimeUnit.SECONDS);
      assertThat(count(reader)).isEqualTo(2);
    }
  }

  @Test
  void a_read_only_transaction_takes_no_gate_and_reads_a_snapshot() throws Exception {
    try (Connection writer = dataSource.getConnection();
        Connection reader = dataSource.getConnection()) {
      writer.setAutoCommit(false);
      insert(writer, 1);

      reader.setReadOnly(true);
      assertThat(reader.isReadOnly()).isTrue();
      reader.setAutoCommit(false); // would wait for the writer if it took the gate
      assertThat(count(reader)).isZero();
      reader.commit();
      reader.setAutoCommit(true);
      reader.setReadOnly(false);

      writer.commit();
      writer.setAutoCommit(true);
      // Back to write transactions on the same connection.
      reader.setAutoCommit(false);
      insert(reader, 2);
      reader.commit();
      reader.setAutoCommit(true);
      assertThat(count(reader)).isEqualTo(2);
    }
    assertThat(gate.queueLength()).isZero();
  }

  @Test
  void closing_a_connection_inside_a_transaction_frees_the_gate() throws Exception {
    Connection abandoned = dataSource.getConnection();
    abandoned.setAutoCommit(false);
    insert(abandoned, 1);
    abandoned.close();

    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      assertThat(count(c)).isZero(); // rolled back
      c.rollback();
      c.setAutoCommit(true);
    }
  }

  @Test
  void a_writer_that_waits_past_the_timeout_fails_instead_of_waiting_forever() throws Exception {
    SqliteWriteGate impatient = new SqliteWriteGate(Duration.ofMillis(50));
    GatedSqliteDataSource source = dataSource(impatient);
    try (Connection first = source.getConnection();
        Connection second = source.getConnection()) {
      first.setAutoCommit(false);
      assertThatThrownBy(() -> second.setAutoCommit(false))
          .isInstanceOf(SQLTimeoutException.class)
          .hasMessageContaining("busy");
      assertThat(second.getAutoCommit()).isTrue();
      first.commit();
      first.setAutoCommit(true);

      second.setAutoCommit(false);
      insert(second, 1);
      second.commit();
      second.setAutoCommit(true);
      assertThat(count(second)).isEqualTo(1);
    }
  }

  @Test
  void statements_hand_out_the_gated_connection() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      assertThat(s.getConnection()).isSameAs(c);
      assertThat(c.prepareStatement("SELECT 1").getConnection()).isSameAs(c);
    }
  }

  private void awaitQueue(int waiting) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (gate.queueLength() < waiting) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("nobody queued on the gate");
      }
      Thread.onSpinWait();
    }
  }

  private static void insert(Connection c, int n) throws SQLException {
    try (var ps = c.prepareStatement("INSERT INTO t (n) VALUES (?)")) {
      ps.setInt(1, n);
      ps.executeUpdate();
    }
  }

  private static long count(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
