package com.verk.server.webhooks;

import com.verk.server.testing.SqliteServerTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

@ExtendWith(OutputCaptureExtension.class)
class CustomHeadersSqliteTest extends SqliteServerTest implements CustomHeadersContract {

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
