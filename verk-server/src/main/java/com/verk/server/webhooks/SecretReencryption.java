package com.verk.server.webhooks;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Moves every stored webhook secret, current and previous, and every webhook's custom headers
 * (secrets too) to the current key: after a key rotation (the old key in {@code
 * VERK_SECRETS_KEY_PREVIOUS}), or to encrypt secrets stored before encryption. Works in batches by
 * id; each row is rewritten only if it has not changed meanwhile, so a concurrent rotation of one
 * webhook's secret is never overwritten. Safe to run again.
 */
@Service
public class SecretReencryption {

  private static final int BATCH = 200;

  private final JdbcClient jdbc;
  private final SecretCipher cipher;

  SecretReencryption(JdbcClient jdbc, SecretCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  /** How many webhooks were rewritten, and the key everything is under now (null: unencrypted). */
  /** What a re-encryption did: rows rewritten, rows already under the current key, that key. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "SecretsReencrypted")
  public record Result(int reencrypted, int unchanged, String keyId) {}

  private record Row(String id, String secret, String previous, String headers) {}

  public Result reencryptAll() {
    int rewritten = 0;
    int unchanged = 0;
    String after = "";
    while (true) {
      List<Row> rows =
          jdbc.sql(
                  "SELECT id, secret, previous_secret, headers FROM webhooks WHERE id > ?"
                      + " ORDER BY id LIMIT ?")
              .params(after, BATCH)
              .query(
                  (rs, n) ->
                      new Row(
                          rs.getString("id"),
                          rs.getString("secret"),
                          rs.getString("previous_secret"),
                          rs.getString("headers")))
              .list();
      if (rows.isEmpty()) {
        return new Result(rewritten, unchanged, cipher.currentKeyId());
      }
      for (Row row : rows) {
        if (cipher.isCurrent(row.secret())
            && cipher.isCurrent(row.previous())
            && cipher.isCurrent(row.headers())) {
          unchanged++;
        } else if (rewrite(row)) {
          rewritten++;
        }
      }
      after = rows.get(rows.size() - 1).id();
    }
  }

  private boolean rewrite(Row row) {
    String secret = cipher.seal(cipher.reveal(row.secret()));
    String previous = cipher.seal(cipher.reveal(row.previous()));
    String headers = cipher.seal(cipher.reveal(row.headers()));
    String sql =
        "UPDATE webhooks SET secret = ?, previous_secret = ?, headers = ? WHERE id = ?"
            + " AND secret = ?"
            + (row.previous() == null ? " AND previous_secret IS NULL" : " AND previous_secret = ?")
            + (row.headers() == null ? " AND headers IS NULL" : " AND headers = ?");
    JdbcClient.StatementSpec update =
        jdbc.sql(sql).params(secret, previous, headers, row.id(), row.secret());
    if (row.previous() != null) {
      update = update.param(row.previous());
    }
    if (row.headers() != null) {
      update = update.param(row.headers());
    }
    return update.update() == 1;
  }
}
