package com.verk.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class DataDirTest {

  @TempDir Path dir;

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void folders_the_server_creates_are_0700_and_its_files_0600() throws IOException {
    Path data = dir.resolve("a/b/data");

    DataDir.prepare(data);
    Path file = DataDir.privateFile(data.resolve("verk.db"));

    assertThat(permissions(dir.resolve("a"))).isEqualTo("rwx------");
    assertThat(permissions(data)).isEqualTo("rwx------");
    assertThat(permissions(file)).isEqualTo("rw-------");
  }

  @Test
  void an_existing_folder_readable_by_others_is_kept_with_a_warning(CapturedOutput output)
      throws IOException {
    Path open = Files.createDirectory(dir.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path closed = Files.createDirectory(dir.resolve("closed"));
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));

    DataDir.prepare(open);
    DataDir.prepare(closed);

    assertThat(permissions(open)).isEqualTo("rwxr-xr-x");
    assertThat(output.getAll())
        .contains("is readable by other users")
        .contains(open.toAbsolutePath().toString())
        .doesNotContain(closed.toAbsolutePath() + " is readable");
  }
}
