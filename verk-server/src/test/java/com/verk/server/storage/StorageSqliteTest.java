package com.verk.server.storage;

import com.verk.server.testing.SqliteServerTest;
import com.verk.server.webhooks.SecretCipher;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class StorageSqliteTest extends SqliteServerTest implements StorageContract {

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
    return jdbc.sql("SELECT name FROM sqlite_master WHERE type = 'table'")
        .query(String.class)
        .list();
  }
}
