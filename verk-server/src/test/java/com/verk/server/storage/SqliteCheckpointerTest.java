package com.verk.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.JDBC;

class SqliteCheckpointerTest {

  @TempDir Path dir;

  @Test
  void a_checkpoint_copies_the_whole_log_while_writers_leave_it_alone() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("c.db") + "?journal_mode=WAL";
    try (Connection writer =
            JDBC.createConnection(url + "&wal_autocheckpoint=100000", new Properties());
        Statement s = writer.createStatement();
        // An interval long enough that only the explicit call below runs.
        SqliteCheckpointer checkpointer = new SqliteCheckpointer(url, Duration.ofHours(1))) {
      s.execute("CREATE TABLE t (v TEXT)");
      for (int i = 0; i < 200; i++) {
        s.execute("INSERT INTO t VALUES (hex(randomblob(2000)))");
      }
      long databaseBefore = Files.size(dir.resolve("c.db"));

      int[] frames = checkpointer.checkpoint();

      assertThat(frames[0]).as("frames in the log").isGreaterThan(100);
      assertThat(frames[1]).as("frames copied").isEqualTo(frames[0]);
      assertThat(Files.size(dir.resolve("c.db"))).isGreaterThan(databaseBefore);
    }
  }
}
