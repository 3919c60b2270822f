package com.verk.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.ServerAccess;
import com.verk.server.testing.ServerTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The dashboard's security rules over plain HTTP, without a browser, so that they are checked on
 * both databases and even where Chromium is missing: sign-in, CSRF, roles, and one organization
 * never seeing another.
 */
interface DashboardSecurityContract extends ServerAccess {

  Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  JdbcClient jdbc();

  PasswordEncoder passwords();

  @Test
  default void pages_need_a_signed_in_member_and_send_others_to_the_sign_in_page()
      throws Exception {
    Session anonymous = new Session(baseUrl());
    HttpResponse<String> page = anonymous.get("/settings/integrations/webhooks");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    assertThat(anonymous.get("/login").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/assets/app.css").statusCode()).isEqualTo(200);
  }

  @Test
  default void a_wrong_password_does_not_sign_in() throws Exception {
    Login owner = owner("free");
    Session session = new Session(baseUrl());
    HttpResponse<String> response = session.signIn(owner.email(), "wrong password!");
    assertThat(response.headers().firstValue("Location").orElseThrow()).contains("/login?error");
    assertThat(session.get("/settings/team").statusCode()).isEqualTo(302);
  }

  @Test
  default void after_ten_wrong_passwords_even_the_right_one_waits() throws Exception {
    Login owner = owner("free");
    for (int i = 0; i < 10; i++) {
      new Session(baseUrl()).signIn(owner.email(), "guess-" + i);
    }
    Session session = new Session(baseUrl());
    HttpResponse<String> refused = session.signIn(owner.email(), owner.password());
    assertThat(refused.headers().firstValue("Location").orElseThrow()).contains("/login?locked");
    assertThat(session.get("/login?locked").body()).contains("Too many wrong passwords");

    HttpResponse<String> other = new Session(baseUrl()).signIn("x" + owner.email(), "whatever");
    assertThat(other.headers().firstValue("Location").orElseThrow())
        .as("other addresses are not locked")
        .contains("/login?error");
  }

  @Test
  default void a_form_post_without_the_csrf_token_is_refused() throws Exception {
    Login owner = owner("free");
    Session session = new Session(baseUrl());
    session.signIn(owner.email(), owner.password());
    HttpResponse<String> refused =
        session.postWithoutToken(
            "/settings/team/" + owner.memberId() + "/password", Map.of("password", "x".repeat(20)));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("This form has expired");
    assertThat(passwordMatches(owner.memberId(), owner.password())).isTrue();
  }

  @Test
  default void a_member_with_a_valid_token_still_cannot_change_anything() throws Exception {
    Login owner = owner("free");
    Login member = member(owner, "member");
    Session session = new Session(baseUrl());
    session.signIn(member.email(), member.password());
    assertThat(session.get("/settings/integrations/webhooks").statusCode()).isEqualTo(200);
    assertThat(session.get("/settings/api-keys").statusCode()).isEqualTo(200);
    assertThat(session.get("/settings/team").body()).contains(owner.email());
    HttpResponse<String> unknown = session.get("/settings/no-such-page");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("This page does not exist").contains("Sign out");

    HttpResponse<String> refused =
        session.post(
            "/settings/team/" + owner.memberId() + "/password",
            Map.of("password", "taken-over-password"));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(passwordMatches(owner.memberId(), owner.password())).isTrue();
    HttpResponse<String> create =
        session.post(
            "/settings/integrations/webhooks",
            Map.of("url", "https://example.com/hook", "events", "task.created"));
    assertThat(create.statusCode()).isEqualTo(403);
    assertThat(
            jdbc()
                .sql("SELECT COUNT(*) FROM webhooks WHERE org_id = ?")
                .param(owner.orgId())
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  default void an_admin_cannot_set_an_owners_password() throws Exception {
    Login owner = owner("free");
    Login admin = member(owner, "admin");
    Session session = new Session(baseUrl());
    session.signIn(admin.email(), admin.password());
    session.post(
        "/settings/team/" + owner.memberId() + "/password", Map.of("password", "admin-chose-this"));
    assertThat(passwordMatches(owner.memberId(), owner.password())).isTrue();
  }

  @Test
  default void another_organizations_webhook_answers_404_and_its_data_never_shows()
      throws Exception {
    Login stranger = owner("free");
    Api.Result theirs =
        stranger
            .api()
            .post(
                "/v1/webhooks",
                Map.of(
                    "url", "https://stranger.example.com/hook",
                    "events", List.of("task.created"),
                    "description", "stranger's webhook"));
    String theirId = theirs.json().path("id").asString();
    Login owner = owner("free");
    Session session = new Session(baseUrl());
    session.signIn(owner.email(), owner.password());

    assertThat(session.get("/settings/integrations/webhooks/" + theirId).statusCode())
        .isEqualTo(404);
    assertThat(session.get("/settings/integrations/webhooks/" + theirId + "/edit").statusCode())
        .isEqualTo(404);
    HttpResponse<String> list = session.get("/settings/integrations/webhooks");
    assertThat(list.body()).doesNotContain("stranger.example.com").doesNotContain(theirId);
    assertThat(
            session
                .post("/settings/integrations/webhooks/" + theirId + "/delete", Map.of())
                .statusCode())
        .isEqualTo(404);
    assertThat(stranger.api().get("/v1/webhooks/" + theirId).status()).isEqualTo(200);
  }

  @Test
  default void secrets_are_never_on_the_list_or_the_webhook_page() throws Exception {
    Login owner = owner("free");
    String secret = "my-own-secret-" + UUID.randomUUID();
    Api.Result created =
        owner
            .api()
            .post(
                "/v1/webhooks",
                Map.of(
                    "url",
                    "https://example.com/hook",
                    "events",
                    List.of("task.created"),
                    "secret",
                    secret));
    Session session = new Session(baseUrl());
    session.signIn(owner.email(), owner.password());
    assertThat(session.get("/settings/integrations/webhooks").body()).doesNotContain(secret);
    assertThat(
            session
                .get("/settings/integrations/webhooks/" + created.json().path("id").asString())
                .body())
        .doesNotContain(secret);
  }

  @Test
  default void nine_wrong_passwords_still_let_the_right_one_in_each_attempt_counts_once()
      throws Exception {
    Login owner = owner("free");
    for (int i = 0; i < 9; i++) {
      new Session(baseUrl()).signIn(owner.email(), "guess-" + i);
    }
    Session session = new Session(baseUrl());
    HttpResponse<String> signedIn = session.signIn(owner.email(), owner.password());
    assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("/login");
    assertThat(session.get("/settings/team").statusCode()).isEqualTo(200);
  }

  @Test
  default void an_admin_can_neither_make_an_owner_nor_change_or_remove_one_in_the_dashboard()
      throws Exception {
    Login owner = owner("free");
    Login admin = member(owner, "admin");
    Login plain = member(owner, "member");
    Session session = new Session(baseUrl());
    session.signIn(admin.email(), admin.password());

    session.post("/settings/team/" + plain.memberId() + "/role", Map.of("role", "owner"));
    session.post("/settings/team/" + owner.memberId() + "/role", Map.of("role", "member"));
    session.post("/settings/team/" + owner.memberId() + "/remove", Map.of());

    assertThat(role(plain.memberId())).isEqualTo("member");
    assertThat(role(owner.memberId())).isEqualTo("owner");
    assertThat(session.get("/settings/team").body())
        .doesNotContain("/settings/team/" + owner.memberId() + "/role");
    session.post("/settings/team/" + plain.memberId() + "/role", Map.of("role", "admin"));
    assertThat(role(plain.memberId())).isEqualTo("admin");
  }

  @Test
  default void an_owner_makes_an_owner_in_the_dashboard_and_the_last_owner_stays()
      throws Exception {
    Login owner = owner("free");
    Login admin = member(owner, "admin");
    Session session = new Session(baseUrl());
    session.signIn(owner.email(), owner.password());

    session.post("/settings/team/" + owner.memberId() + "/role", Map.of("role", "admin"));
    assertThat(role(owner.memberId())).as("the last owner stays owner").isEqualTo("owner");

    session.post("/settings/team/" + admin.memberId() + "/role", Map.of("role", "owner"));
    assertThat(role(admin.memberId())).isEqualTo("owner");
  }

  @Test
  default void demoting_or_removing_someone_in_the_dashboard_revokes_the_keys_they_made()
      throws Exception {
    Login owner = owner("free");
    Login admin = member(owner, "admin");
    Login other = member(owner, "admin");
    Session session = new Session(baseUrl());
    session.signIn(owner.email(), owner.password());
    session.post(
        "/settings/api-keys", Map.of("name", "made by the owner", "scopes", "workspace:read"));
    insertKey(owner.orgId(), admin.memberId());
    insertKey(owner.orgId(), other.memberId());

    session.post("/settings/team/" + admin.memberId() + "/role", Map.of("role", "member"));
    session.post("/settings/team/" + other.memberId() + "/remove", Map.of());

    assertThat(role(admin.memberId())).isEqualTo("member");
    assertThat(activeKeys(admin.memberId())).isZero();
    assertThat(activeKeys(other.memberId())).isZero();
    assertThat(activeKeys(owner.memberId())).isEqualTo(2);
  }

  @Test
  default void a_failing_re_enable_and_recover_form_changes_nothing() throws Exception {
    Login owner = owner("free");
    String id =
        owner
            .api()
            .post(
                "/v1/webhooks",
                Map.of("url", "https://example.com/hook", "events", List.of("task.created")))
            .json()
            .path("id")
            .asString();
    owner.api().patch("/v1/webhooks/" + id, Map.of("active", false));
    Session session = new Session(baseUrl());
    session.signIn(owner.email(), owner.password());

    HttpResponse<String> refused =
        session.post(
            "/settings/integrations/webhooks/" + id + "/enable",
            Map.of("since", "+999999999-12-31T23:59:59"));

    assertThat(refused.statusCode()).isEqualTo(302);
    assertThat(owner.api().get("/v1/webhooks/" + id).json().path("active").asBoolean()).isFalse();
    assertThat(session.get("/settings/integrations/webhooks/" + id).body())
        .contains("Type the UTC date and time from which to recover as YYYY-MM-DD HH:MM");
  }

  @Test
  default void a_form_field_with_a_nul_character_is_a_400_naming_it_and_writes_nothing()
      throws Exception {
    Login owner = owner("free");
    Session session = new Session(baseUrl());
    session.signIn(owner.email(), owner.password());

    HttpResponse<String> refused =
        session.post(
            "/settings/integrations/webhooks",
            Map.of(
                "url",
                "https://example.com/hook",
                "events",
                "task.created",
                "description",
                "a\u0000b"));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("\"field\":\"description\"");
    assertThat(
            jdbc()
                .sql("SELECT COUNT(*) FROM webhooks WHERE org_id = ?")
                .param(owner.orgId())
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  default void behind_an_https_proxy_the_session_cookie_is_secure_and_hsts_is_sent()
      throws Exception {
    Login owner = owner("free");
    Session session = new Session(baseUrl());
    session.get("/login");

    HttpResponse<String> overHttps =
        session.postWithHeaders(
            "/login",
            Map.of("email", owner.email(), "password", owner.password()),
            "X-Forwarded-Proto",
            "https");
    HttpResponse<String> overHttp = new Session(baseUrl()).get("/login");

    assertThat(overHttps.headers().allValues("Set-Cookie"))
        .anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").contains("Secure"));
    assertThat(overHttps.headers().firstValue("Strict-Transport-Security")).isPresent();
    assertThat(overHttp.headers().allValues("Set-Cookie"))
        .allSatisfy(c -> assertThat(c).doesNotContain("Secure"));
    assertThat(overHttp.headers().firstValue("Strict-Transport-Security")).isEmpty();
  }

  private String role(String memberId) {
    return jdbc()
        .sql("SELECT role FROM members WHERE id = ?")
        .param(memberId)
        .query(String.class)
        .optional()
        .orElse("removed");
  }

  private long activeKeys(String memberId) {
    return jdbc()
        .sql("SELECT COUNT(*) FROM api_keys WHERE member_id = ? AND revoked_at IS NULL")
        .param(memberId)
        .query(Long.class)
        .single();
  }

  private void insertKey(String orgId, String memberId) {
    String id = "key_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    jdbc()
        .sql(
            "INSERT INTO api_keys (id, org_id, member_id, name, scopes, key_hash, key_prefix,"
                + " created_at) VALUES (?, ?, ?, 'test', 'workspace:read', ?, 'vk_test', ?)")
        .params(id, orgId, memberId, UUID.randomUUID().toString(), System.currentTimeMillis())
        .update();
  }

  // ---- helpers ----

  @Test
  default void custom_headers_are_set_and_kept_through_the_forms_without_showing_values()
      throws Exception {
    Login owner = owner("pro");
    Session session = new Session(baseUrl());
    session.signIn(owner.email(), owner.password());
    try (com.verk.server.testing.Receiver receiver = new com.verk.server.testing.Receiver()) {
      HttpResponse<String> created =
          session.post(
              "/settings/integrations/webhooks",
              Map.of(
                  "url", receiver.url("/form"),
                  "events", "task.created",
                  "headers", "Authorization: Bearer dash-secret-1\r\nX-Team: ops\r\n"));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
      String id = owner.api().get("/v1/webhooks").json().path("data").get(0).path("id").asString();
      String base = "/settings/integrations/webhooks/" + id;

      String page = session.get(base).body();
      assertThat(page).contains("Authorization").contains("X-Team").doesNotContain("dash-secret");
      String edit = session.get(base + "/edit").body();
      assertThat(edit).contains("Authorization: ").doesNotContain("dash-secret");

      // A blank value keeps the saved one, a new line adds, a missing line removes.
      HttpResponse<String> saved =
          session.post(
              base,
              Map.of(
                  "url", receiver.url("/form"),
                  "events", "task.created",
                  "headers", "Authorization:\nX-New: v2\n"));
      assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
      owner.api().post("/v1/webhooks/" + id + "/test", Map.of("event", "task.created"));
      com.verk.server.testing.Receiver.Request sent =
          receiver.take(java.time.Duration.ofSeconds(15));
      assertThat(sent.header("Authorization")).isEqualTo("Bearer dash-secret-1");
      assertThat(sent.header("X-New")).isEqualTo("v2");
      assertThat(sent.header("X-Team")).isNull();

      // A reserved name is refused next to the field, naming the header; nothing changes.
      HttpResponse<String> refused =
          session.post(
              base,
              Map.of(
                  "url", receiver.url("/changed"),
                  "events", "task.created",
                  "headers", "Content-Type: text/plain"));
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("Content-Type is reserved");
      assertThat(owner.api().get("/v1/webhooks/" + id).json().path("url").asString())
          .isEqualTo(receiver.url("/form"));
      assertThat(
              owner.api().get("/v1/webhooks/" + id).json().path("headers").path("X-New").asString())
          .isEqualTo("••••");
    }
  }

  record Login(String orgId, String memberId, String email, String password, Api api) {}

  private Login owner(String plan) {
    ServerTest.Tenant tenant = newTenant(plan);
    String memberId =
        jdbc()
            .sql("SELECT id FROM members WHERE org_id = ? AND role = 'owner'")
            .param(tenant.orgId())
            .query(String.class)
            .single();
    String email = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String password = "pw-" + UUID.randomUUID();
    jdbc()
        .sql("UPDATE members SET email = ?, password_hash = ? WHERE id = ?")
        .params(email, passwords().encode(password), memberId)
        .update();
    return new Login(tenant.orgId(), memberId, email, password, tenant.api());
  }

  private Login member(Login owner, String role) {
    String memberId = "user_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    String email = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String password = "pw-" + UUID.randomUUID();
    long now = System.currentTimeMillis();
    jdbc()
        .sql(
            "INSERT INTO members (id, org_id, email, name, role, password_hash, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            memberId, owner.orgId(), email, "Someone", role, passwords().encode(password), now, now)
        .update();
    return new Login(owner.orgId(), memberId, email, password, null);
  }

  private boolean passwordMatches(String memberId, String password) {
    String hash =
        jdbc()
            .sql("SELECT password_hash FROM members WHERE id = ?")
            .param(memberId)
            .query(String.class)
            .single();
    return passwords().matches(password, hash);
  }

  /** A browser-like client: keeps cookies, follows no redirects, reads CSRF tokens from forms. */
  final class Session {
    private final String baseUrl;
    private final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private String token;

    Session(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher m = CSRF.matcher(response.body());
      if (m.find()) {
        token = m.group(1);
      }
      return response;
    }

    HttpResponse<String> signIn(String email, String password)
        throws IOException, InterruptedException {
      get("/login");
      HttpResponse<String> response = post("/login", Map.of("email", email, "password", password));
      get("/settings/integrations/webhooks");
      return response;
    }

    HttpResponse<String> post(String path, Map<String, String> form)
        throws IOException, InterruptedException {
      if (token == null) {
        get("/settings/integrations/webhooks");
      }
      Map<String, String> withToken = new java.util.LinkedHashMap<>(form);
      withToken.put("_csrf", token);
      return postWithoutToken(path, withToken);
    }

    /** A form post with the CSRF token and extra headers (name, value, ...). */
    HttpResponse<String> postWithHeaders(String path, Map<String, String> form, String... headers)
        throws IOException, InterruptedException {
      Map<String, String> withToken = new java.util.LinkedHashMap<>(form);
      withToken.put("_csrf", token);
      return send(path, withToken, headers);
    }

    HttpResponse<String> postWithoutToken(String path, Map<String, String> form)
        throws IOException, InterruptedException {
      return send(path, form);
    }

    private HttpResponse<String> send(String path, Map<String, String> form, String... headers)
        throws IOException, InterruptedException {
      String body =
          form.entrySet().stream()
              .map(
                  e ->
                      URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                          + "="
                          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      for (int i = 0; i + 1 < headers.length; i += 2) {
        request.header(headers[i], headers[i + 1]);
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
