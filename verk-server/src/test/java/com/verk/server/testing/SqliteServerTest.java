package com.verk.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The server on the embedded SQLite default, in a fresh data folder. */
public abstract class SqliteServerTest extends ServerTest {

  @DynamicPropertySource
  static void sqlite(DynamicPropertyRegistry registry) {
    registry.add("verk.data-dir", () -> tempDir().toString());
  }

  public static Path tempDir() {
    try {
      return Files.createTempDirectory("verk-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
