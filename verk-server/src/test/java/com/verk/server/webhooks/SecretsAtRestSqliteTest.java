package com.verk.server.webhooks;

import com.verk.server.testing.SqliteServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class SecretsAtRestSqliteTest extends SqliteServerTest implements SecretsAtRestContract {

  @Autowired JdbcClient jdbc;
  @Autowired SecretCipher cipher;

  @Override
  public JdbcClient jdbc() {
    return jdbc;
  }

  @Override
  public SecretCipher cipher() {
    return cipher;
  }
}
