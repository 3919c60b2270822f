package com.verk.server.webhooks;

import com.verk.server.testing.PostgresServerTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

@ExtendWith(OutputCaptureExtension.class)
class CustomHeadersPostgresTest extends PostgresServerTest implements CustomHeadersContract {

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
