package com.verk.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.system.VerkProperties;
import com.verk.server.testing.SqliteServerTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A data folder the server creates itself: only the server's user can read any of it. */
class DataFolderPermissionsTest extends SqliteServerTest {

  @DynamicPropertySource
  static void freshFolder(DynamicPropertyRegistry registry) {
    // A folder that does not exist yet, so that the server creates it.
    registry.add(
        "verk.data-dir",
        () -> {
          try {
            return Files.createTempDirectory("verk-perms-").resolve("new/data").toString();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  @Autowired VerkProperties properties;

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void the_data_folder_is_0700_and_the_database_and_key_files_0600() throws IOException {
    // Something written, so that the write-ahead log exists too.
    newTenant("free").api().post("/v1/projects", Map.of("name", "P"));
    Path data = properties.dataDir();

    assertThat(permissions(data)).isEqualTo("rwx------");
    assertThat(permissions(data.resolve("verk.db"))).isEqualTo("rw-------");
    assertThat(permissions(data.resolve("verk.db-wal"))).isEqualTo("rw-------");
    assertThat(permissions(data.resolve("secrets.key"))).isEqualTo("rw-------");
    assertThat(permissions(data.resolve("files"))).isEqualTo("rwx------");
  }
}
