package com.verk.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

  @TempDir Path dataDir;

  @Test
  void a_second_user_of_the_same_data_folder_is_refused_with_a_clear_message() throws Exception {
    try (DataDirLock first = DataDirLock.acquire(dataDir)) {
      assertThatThrownBy(() -> DataDirLock.acquire(dataDir))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Another Verk process is already using the data folder")
          .hasMessageContaining("PostgreSQL");
    }
  }

  @Test
  void the_folder_can_be_used_again_once_the_holder_has_stopped() throws Exception {
    DataDirLock.acquire(dataDir).close();

    try (DataDirLock again = DataDirLock.acquire(dataDir)) {
      assertThat(dataDir.resolve("verk.lock")).exists();
    }
  }
}
