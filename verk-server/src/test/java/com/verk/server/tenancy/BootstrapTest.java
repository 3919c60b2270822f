package com.verk.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.storage.DatabaseKind;
import com.verk.server.system.VerkProperties;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;
import org.sqlite.SQLiteDataSource;

/** The first start on an empty SQLite folder, without Spring. */
class BootstrapTest {

  @TempDir Path dataDir;

  private JdbcClient jdbc;
  private SQLiteDataSource dataSource;

  private Bootstrap bootstrap(String apiKey) {
    dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + dataDir.resolve("verk.db") + "?foreign_keys=true");
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration/sqlite")
        .load()
        .migrate();
    jdbc = JdbcClient.create(dataSource);
    VerkProperties properties =
        new VerkProperties(
            dataDir,
            new VerkProperties.Database(null, null, null, 10),
            new VerkProperties.Bootstrap("Initech", "pro", apiKey, null, null),
            null,
            null,
            Duration.ofDays(30),
            null,
            null,
            null,
            null,
            null,
            null);
    return new Bootstrap(
        jdbc,
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
        new Organizations(jdbc, Clock.systemUTC(), DatabaseKind.SQLITE),
        properties,
        new BCryptPasswordEncoder(4),
        DatabaseKind.SQLITE);
  }

  private static String captureStdout(Runnable action) {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setOut(original);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void the_first_start_prints_generated_credentials_once_and_the_key_has_every_scope() {
    Bootstrap bootstrap = bootstrap(null);

    String first = captureStdout(() -> bootstrap.run(null));
    String second = captureStdout(() -> bootstrap.run(null));

    Matcher key = Pattern.compile("API key:\\s+(vk_[A-Za-z0-9]{40})").matcher(first);
    assertThat(key.find()).as(first).isTrue();
    assertThat(first).contains("Initech").contains("owner@verk.local / password ");
    assertThat(second).isEmpty();
    ApiPrincipal principal =
        new ApiKeyAuthenticator(dataSource).authenticate(key.group(1)).orElseThrow();
    assertThat(principal.scopes()).containsExactlyInAnyOrder(Scope.values());
    assertThat(jdbc.sql("SELECT plan FROM organizations").query(String.class).list())
        .containsExactly("pro");
    assertThat(jdbc.sql("SELECT key_hash FROM api_keys").query(String.class).single())
        .isNotEqualTo(key.group(1));
  }

  @Test
  void a_key_from_the_environment_is_used_and_not_printed() {
    String given = "vk_fromTheEnvironment000000000000000000000";
    Bootstrap bootstrap = bootstrap(given);

    String printed = captureStdout(() -> bootstrap.run(null));

    assertThat(printed).contains("from VERK_BOOTSTRAP_API_KEY").doesNotContain(given);
    assertThat(new ApiKeyAuthenticator(dataSource).authenticate(given)).isPresent();
  }
}
