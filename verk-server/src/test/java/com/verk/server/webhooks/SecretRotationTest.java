package com.verk.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * Key rotation: with the old key in VERK_SECRETS_KEY_PREVIOUS, re-encryption moves every row,
 * current and previous secret, to the new key. On a database of its own, so that no other test's
 * rows change key.
 */
class SecretRotationTest {

  @TempDir Path dir;

  @Test
  void every_row_moves_to_the_new_key_on_sqlite() {
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + dir.resolve("verk.db") + "?foreign_keys=true");
    rotate(sqlite, "sqlite");
  }

  @Test
  void every_row_moves_to_the_new_key_on_postgresql() {
    try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
      rotate(new DriverManagerDataSource(db.url(), db.user(), ""), "postgresql");
    }
  }

  private void rotate(DataSource dataSource, String folder) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration/" + folder)
        .load()
        .migrate();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    jdbc.sql(
            "INSERT INTO organizations (id, name, plan, created_at, updated_at)"
                + " VALUES ('org_1', 'Acme', 'free', 0, 0)")
        .update();
    SecretCipher old = SecretCipher.of(SecretCipherTest.K1);
    for (int i = 0; i < 450; i++) {
      jdbc.sql(
              "INSERT INTO webhooks (id, org_id, url, secret, previous_secret, active, created_at,"
                  + " updated_at) VALUES (?, 'org_1', 'https://example.com/h', ?, ?, TRUE, 0, 0)")
          .params(
              "webhook_" + String.format("%04d", i),
              old.seal("current-" + i),
              i % 2 == 0 ? old.seal("previous-" + i) : null)
          .update();
    }
    SecretCipher rotated = SecretCipher.of(SecretCipherTest.K2, SecretCipherTest.K1);

    SecretReencryption.Result result = new SecretReencryption(jdbc, rotated).reencryptAll();
    SecretReencryption.Result again = new SecretReencryption(jdbc, rotated).reencryptAll();

    assertThat(result.reencrypted()).isEqualTo(450);
    assertThat(result.keyId()).isEqualTo(SecretCipher.keyId(SecretCipherTest.K2));
    assertThat(again.reencrypted()).isZero();
    assertThat(again.unchanged()).isEqualTo(450);
    SecretCipher onlyNew = SecretCipher.of(SecretCipherTest.K2);
    for (Map<String, Object> row :
        jdbc.sql("SELECT id, secret, previous_secret FROM webhooks").query().listOfRows()) {
      String n = ((String) row.get("id")).substring("webhook_".length());
      int i = Integer.parseInt(n);
      assertThat(onlyNew.reveal((String) row.get("secret"))).isEqualTo("current-" + i);
      assertThat(onlyNew.reveal((String) row.get("previous_secret")))
          .isEqualTo(i % 2 == 0 ? "previous-" + i : null);
    }
  }
}
