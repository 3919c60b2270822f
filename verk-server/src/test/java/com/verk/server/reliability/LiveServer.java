package com.verk.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.VerkApplication;
import com.verk.server.testing.Api;
import com.verk.server.testing.PostgresTestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The real server (SQLite or PostgreSQL, random port) for the property-based tests, which run
 * outside Spring's test support: started once per test class, closed after it.
 */
final class LiveServer implements AutoCloseable {

  static final String ADMIN_TOKEN = "reliability-admin-token-0123456789abcdef";

  /** Tables whose row counts must not move when a request is rejected. */
  static final List<String> TABLES =
      List.of(
          "organizations",
          "members",
          "api_keys",
          "webhooks",
          "webhook_events",
          "events",
          "deliveries",
          "projects",
          "tasks",
          "comments",
          "files");

  private final ConfigurableApplicationContext context;
  private final JdbcTemplate jdbc;
  private final PostgresTestDatabase database;
  final String baseUrl;

  private LiveServer(ConfigurableApplicationContext context, PostgresTestDatabase database) {
    this.context = context;
    this.database = database;
    this.jdbc = new JdbcTemplate(context.getBean(DataSource.class));
    this.baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
  }

  /** On SQLite when {@code database} is null, else on that throwaway PostgreSQL database. */
  static LiveServer start(PostgresTestDatabase database) {
    try {
      Map<String, Object> properties = new LinkedHashMap<>();
      if (database != null) {
        properties.put("verk.database.url", database.url());
        properties.put("verk.database.user", database.user());
      }
      properties.put("server.port", "0");
      properties.put("verk.data-dir", Files.createTempDirectory("verk-reliability-").toString());
      properties.put("verk.admin-token", ADMIN_TOKEN);
      properties.put("verk.webhooks.allow-http", "true");
      properties.put("verk.webhooks.allow-private-targets", "true");
      properties.put("logging.level.root", "WARN");
      // As arguments, not default properties: application.yml's ${PORT:8080} would win over those.
      String[] args =
          properties.entrySet().stream()
              .map(e -> "--" + e.getKey() + "=" + e.getValue())
              .toArray(String[]::new);
      return new LiveServer(
          new SpringApplicationBuilder(VerkApplication.class).run(args), database);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new enterprise organization's all-scopes client. */
  Api newTenant() {
    Api.Result created =
        new Api(baseUrl, ADMIN_TOKEN)
            .post(
                "/admin/v1/organizations",
                Map.of("name", "Org " + UUID.randomUUID(), "plan", "enterprise"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return new Api(baseUrl, created.json().path("apiKey").asString());
  }

  /** Rows per table (tables this build does not have are left out). */
  Map<String, Long> rowCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      try {
        counts.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
      } catch (RuntimeException e) {
        // table not in this build's schema
      }
    }
    return counts;
  }

  @Override
  public void close() {
    context.close();
    if (database != null) {
      database.close();
    }
  }
}
