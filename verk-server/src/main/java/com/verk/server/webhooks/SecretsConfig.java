package com.verk.server.webhooks;

import com.verk.server.storage.DataDir;
import com.verk.server.storage.DatabaseKind;
import com.verk.server.system.VerkProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the key for webhook secrets at rest: {@code VERK_SECRETS_KEY} when set (and {@code
 * VERK_SECRETS_KEY_PREVIOUS} to read rows sealed before a rotation); otherwise, on SQLite, a key
 * file in the data folder, made at first start; otherwise (PostgreSQL without a key) none, with a
 * warning that secrets are stored unencrypted.
 */
@Configuration(proxyBeanMethods = false)
class SecretsConfig {

  static final String KEY_FILE = "secrets.key";

  private static final Logger log = LoggerFactory.getLogger(SecretsConfig.class);

  @Bean
  SecretCipher secretCipher(VerkProperties properties, DatabaseKind kind) {
    VerkProperties.Secrets secrets = properties.secrets();
    byte[] previous =
        blank(secrets.keyPrevious())
            ? null
            : SecretCipher.decodeKey("VERK_SECRETS_KEY_PREVIOUS", secrets.keyPrevious());
    Path file = properties.dataDir().resolve(KEY_FILE);
    if (!blank(secrets.key())) {
      byte[] key = SecretCipher.decodeKey("VERK_SECRETS_KEY", secrets.key());
      // A key file from before VERK_SECRETS_KEY was set stays readable, so nothing is lost.
      byte[] fromFile = Files.isRegularFile(file) ? readKeyFile(file) : null;
      log.info("Webhook secrets are encrypted at rest under key {}", SecretCipher.keyId(key));
      return SecretCipher.of(key, previous, fromFile);
    }
    if (kind == DatabaseKind.SQLITE) {
      byte[] key = Files.isRegularFile(file) ? readKeyFile(file) : createKeyFile(file);
      return SecretCipher.of(key, previous);
    }
    log.warn(
        "VERK_SECRETS_KEY is not set: webhook secrets are stored UNENCRYPTED in PostgreSQL. Set it"
            + " to the base64 of 32 random bytes (openssl rand -base64 32) on every node, then"
            + " call POST /admin/v1/secrets/reencrypt once.");
    return previous == null ? SecretCipher.unencrypted() : SecretCipher.of(null, previous);
  }

  private static byte[] readKeyFile(Path file) {
    try {
      return SecretCipher.decodeKey(
          "The key file " + file, Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the secrets key file " + file, e);
    }
  }

  private static byte[] createKeyFile(Path file) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    try {
      DataDir.prepare(file.toAbsolutePath().getParent());
      DataDir.privateFile(file);
      Files.writeString(
          file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the secrets key file " + file, e);
    }
    log.info(
        "Created the key for webhook secrets at rest: {} (key {}, readable by this user only)."
            + " Back it up with the database: without it the webhook secrets cannot be read. To"
            + " manage the key yourself, set VERK_SECRETS_KEY.",
        file.toAbsolutePath(),
        SecretCipher.keyId(key));
    return key;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
