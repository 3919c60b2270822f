package com.verk.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.storage.DatabaseKind;
import com.verk.server.system.VerkProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class SecretsConfigTest {

  @TempDir Path dir;

  private static VerkProperties properties(Path dataDir, String key, String previous) {
    return new VerkProperties(
        dataDir,
        new VerkProperties.Database(null, null, null, 10),
        new VerkProperties.Bootstrap("Acme", "free", null, null, null),
        null,
        null,
        Duration.ofDays(30),
        null,
        null,
        new VerkProperties.Secrets(key, previous),
        null,
        null,
        null);
  }

  @Test
  void on_sqlite_without_a_key_the_first_start_creates_a_private_key_file_and_says_so(
      CapturedOutput output) throws IOException {
    Path data = dir.resolve("data");

    SecretCipher first =
        new SecretsConfig().secretCipher(properties(data, null, null), DatabaseKind.SQLITE);
    String stored = first.seal("first-start-secret");
    SecretCipher again =
        new SecretsConfig().secretCipher(properties(data, null, null), DatabaseKind.SQLITE);

    Path file = data.resolve(SecretsConfig.KEY_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
        .isEqualTo("rwx------");
    assertThat(first.encrypts()).isTrue();
    assertThat(again.reveal(stored)).isEqualTo("first-start-secret");
    assertThat(output.getAll())
        .contains("Created the key for webhook secrets at rest")
        .contains(file.toAbsolutePath().toString());
  }

  @Test
  void on_postgresql_without_a_key_secrets_are_stored_as_written_with_a_warning(
      CapturedOutput output) {
    SecretCipher cipher =
        new SecretsConfig().secretCipher(properties(dir, null, null), DatabaseKind.POSTGRES);

    assertThat(cipher.encrypts()).isFalse();
    assertThat(cipher.seal("plain-on-purpose")).isEqualTo("plain-on-purpose");
    assertThat(output.getAll()).contains("WARN").contains("stored UNENCRYPTED");
    assertThat(Files.exists(dir.resolve(SecretsConfig.KEY_FILE))).isFalse();
  }

  @Test
  void the_operator_key_wins_and_the_previous_key_and_an_old_key_file_stay_readable() {
    String k1 = Base64.getEncoder().encodeToString(SecretCipherTest.K1);
    String k2 = Base64.getEncoder().encodeToString(SecretCipherTest.K2);
    SecretCipher fileCipher =
        new SecretsConfig().secretCipher(properties(dir, null, null), DatabaseKind.SQLITE);
    String underFile = fileCipher.seal("sealed-by-key-file");
    String underK1 = SecretCipher.of(SecretCipherTest.K1).seal("sealed-by-k1");

    SecretCipher cipher =
        new SecretsConfig().secretCipher(properties(dir, k2, k1), DatabaseKind.POSTGRES);

    assertThat(cipher.currentKeyId()).isEqualTo(SecretCipher.keyId(SecretCipherTest.K2));
    assertThat(cipher.reveal(underK1)).isEqualTo("sealed-by-k1");
    assertThat(cipher.reveal(underFile)).isEqualTo("sealed-by-key-file");
  }
}
