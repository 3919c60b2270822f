package com.verk.server.storage;

import com.verk.server.testing.PostgresServerTest;
import com.verk.server.webhooks.SecretCipher;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class StoragePostgresTest extends PostgresServerTest implements StorageContract {

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

  @Override
  public List<String> tables() {
    return jdbc.sql(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
        .query(String.class)
        .list();
  }
}
