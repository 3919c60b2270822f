package com.verk.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.VerkApplication;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

/**
 * The real server on a random port, talked to over HTTP. Each test makes its own organization with
 * {@link #newTenant(String)}, so tests sharing one server never see each other's data. Extend
 * {@link SqliteServerTest} or {@link PostgresServerTest}; a contract written once as an interface
 * of default test methods runs against both.
 */
@SpringBootTest(
    classes = VerkApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "verk.admin-token=" + ServerTest.ADMIN_TOKEN,
      "verk.webhooks.allow-http=true",
      "verk.webhooks.allow-private-targets=true",
      "verk.bootstrap.api-key=" + ServerTest.BOOTSTRAP_KEY,
      "verk.bootstrap.owner-email=owner@example.com",
      "verk.bootstrap.owner-password=correct horse battery"
    })
@Import(ServerTest.TestClock.class)
public abstract class ServerTest implements ServerAccess {

  public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdefghijklmn";
  public static final String BOOTSTRAP_KEY = "vk_bootstrapTestKey0000000000000000000000000";

  @LocalServerPort protected int port;
  @Autowired protected MutableClock clock;

  @Override
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public MutableClock clock() {
    return clock;
  }

  /** The settable clock every server under test runs on. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class TestClock {
    @Bean
    @Primary
    MutableClock mutableClock() {
      return MutableClock.ticking();
    }
  }

  /** An organization made through the operator API, with an all-scopes key. */
  public record Tenant(String orgId, String name, Api api) {}

  /** Creates a fresh organization on {@code plan} and returns its key-bound client. */
  @Override
  public Tenant newTenant(String plan) {
    String name = "Org " + UUID.randomUUID().toString().substring(0, 8);
    Api.Result created =
        new Api(baseUrl(), ADMIN_TOKEN)
            .post("/admin/v1/organizations", Map.of("name", name, "plan", plan));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode json = created.json();
    return new Tenant(
        json.path("organization").path("id").asString(),
        name,
        new Api(baseUrl(), json.path("apiKey").asString()));
  }
}
