package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.verk.server.system.EgressSettings;
import com.verk.server.testing.Api;
import com.verk.server.testing.Receiver;
import com.verk.server.testing.SqliteServerTest;
import com.verk.server.testing.Tinyproxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * VERK_WEBHOOKS_PROXY with a real proxy (tinyproxy): deliveries and Send Test reach the receiver
 * through it, never directly; the SSRF rule still applies to the target with a proxy configured,
 * while the proxy's own (private) address is the operator's choice; VERK_WEBHOOKS_EGRESS_IPS is
 * served at GET /v1/egress-ips.
 */
class ProxyEgressTest extends SqliteServerTest {

  private static Tinyproxy proxy;

  @BeforeAll
  static void startProxy() {
    assumeTrue(Tinyproxy.installed(), "tinyproxy is not installed at /usr/bin/tinyproxy");
    proxy = Tinyproxy.start();
  }

  @AfterAll
  static void stopProxy() {
    if (proxy != null) {
      proxy.close();
    }
  }

  @DynamicPropertySource
  static void egress(DynamicPropertyRegistry registry) {
    registry.add("verk.webhooks.proxy", () -> proxy.url());
    registry.add("verk.webhooks.egress-ips", () -> "203.0.113.7, 198.51.100.0/28");
  }

  private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

  @Test
  void deliveries_and_send_test_reach_the_receiver_through_the_proxy_only() {
    Api api = newTenant("pro").api();
    try (Receiver receiver = new Receiver()) {
      Api.Result created =
          api.post(
              "/v1/webhooks",
              Map.of(
                  "url",
                  receiver.url("/via-proxy"),
                  "events",
                  List.of("task.created"),
                  "headers",
                  Map.of("Authorization", "Bearer through-the-proxy")));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String id = created.json().path("id").asString();
      String project = api.post("/v1/projects", Map.of("name", "P")).json().path("id").asString();
      api.post("/v1/tasks", Map.of("title", "T", "projectId", project));
      Receiver.Request delivered = receiver.take(Duration.ofSeconds(15));
      Api.Result test = api.post("/v1/webhooks/" + id + "/test", Map.of("event", "task.created"));
      assertThat(test.status()).as(test.body()).isEqualTo(200);
      assertThat(test.json().path("success").asBoolean()).as(test.body()).isTrue();
      Receiver.Request tested = receiver.take(Duration.ofSeconds(15));

      for (Receiver.Request r : List.of(delivered, tested)) {
        assertThat(r.header("Via")).as("came through the proxy").contains("tinyproxy");
        assertThat(r.header("Authorization")).isEqualTo("Bearer through-the-proxy");
        assertThat(r.header("X-Verk-Signature")).startsWith("sha256=");
      }
      // Every request the receiver saw came through the proxy, and the proxy logged each one.
      assertThat(receiver.received()).allSatisfy(r -> assertThat(r.header("Via")).isNotNull());
      assertThat(proxy.requests())
          .filteredOn(l -> l.startsWith("POST " + receiver.url("/via-proxy")))
          .hasSize(receiver.received().size());
    }
  }

  @Test
  void the_egress_addresses_are_served_to_any_valid_key() {
    Api.Result ips = newTenant("free").api().get("/v1/egress-ips");

    assertThat(ips.status()).as(ips.body()).isEqualTo(200);
    assertThat(ips.json().path("addresses").values())
        .extracting(n -> n.asString())
        .containsExactly("203.0.113.7", "198.51.100.0/28");
    assertThat(anonymous().get("/v1/egress-ips").status()).isEqualTo(401);
  }

  @Test
  void the_dashboard_shows_the_egress_addresses_on_the_create_page() throws Exception {
    // The bootstrap owner (ServerTest's properties) signs in with a plain form post.
    java.net.http.HttpClient browser =
        java.net.http.HttpClient.newBuilder()
            .cookieHandler(new java.net.CookieManager())
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
            .build();
    String login = page(browser, "/login");
    java.util.regex.Matcher csrf =
        java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
    assertThat(csrf.find()).isTrue();
    String form =
        "email=owner%40example.com&password=correct+horse+battery&_csrf="
            + java.net.URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    java.net.http.HttpResponse<String> signedIn =
        browser.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(signedIn.statusCode()).isEqualTo(302);

    String create = page(browser, "/settings/integrations/webhooks/new");

    assertThat(create)
        .contains("Allow these addresses in your firewall")
        .contains("203.0.113.7")
        .contains("198.51.100.0/28");
  }

  private String page(java.net.http.HttpClient browser, String path) throws Exception {
    java.net.http.HttpResponse<String> response =
        browser.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + path)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }

  @Test
  void a_private_target_is_still_refused_with_a_proxy_and_never_reaches_it() throws Exception {
    try (Receiver receiver = new Receiver();
        HttpSender strict =
            new HttpSender(
                Duration.ofSeconds(3),
                false,
                "Verk-Webhooks/test",
                16,
                EgressSettings.proxy(proxy.url()))) {
      String target = receiver.url("/private");
      Outcome literal = strict.send(target, Map.of(), BODY).get(10, TimeUnit.SECONDS);
      Outcome byName =
          strict
              .send(target.replace("127.0.0.1", "localhost"), Map.of(), BODY)
              .get(10, TimeUnit.SECONDS);
      Outcome tls =
          strict
              .send(target.replace("http://", "https://"), Map.of(), BODY)
              .get(10, TimeUnit.SECONDS);

      assertThat(literal).isInstanceOf(Outcome.Blocked.class);
      assertThat(literal.error()).contains("private address 127.0.0.1");
      assertThat(byName).isInstanceOf(Outcome.Blocked.class);
      assertThat(tls).isInstanceOf(Outcome.Blocked.class);
      assertThat(receiver.received()).isEmpty();
      assertThat(proxy.requests()).noneMatch(l -> l.contains(":" + portOf(target)));
    }
  }

  @Test
  void a_public_target_goes_to_the_private_proxy_with_connect_for_https() throws Exception {
    // The proxy listens on loopback, a private address: allowed, it is the operator's. The target
    // (a public address) passes the check and is handed to the proxy, which logs it; whether the
    // proxy then reaches it does not matter here.
    try (HttpSender strict =
        new HttpSender(
            Duration.ofSeconds(3),
            false,
            "Verk-Webhooks/test",
            16,
            EgressSettings.proxy(proxy.url()))) {
      Outcome plain =
          strict.send("http://8.8.8.8:9/hook", Map.of(), BODY).get(10, TimeUnit.SECONDS);
      Outcome tls = strict.send("https://8.8.4.4:9/hook", Map.of(), BODY).get(10, TimeUnit.SECONDS);

      assertThat(plain).isNotInstanceOf(Outcome.Blocked.class);
      assertThat(tls).isNotInstanceOf(Outcome.Blocked.class);
      assertThat(proxy.requests()).anyMatch(l -> l.startsWith("POST http://8.8.8.8:9/hook"));
      assertThat(proxy.requests()).anyMatch(l -> l.startsWith("CONNECT 8.8.4.4:9"));
    }
  }

  private static int portOf(String url) {
    return java.net.URI.create(url).getPort();
  }
}
