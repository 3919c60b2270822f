package com.verk.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

class SignInBrowserTest extends BrowserTest {

  @Test
  void the_bootstrap_owner_signs_in_sees_the_webhooks_page_and_signs_out() {
    open("/");
    assertThat(driver.getCurrentUrl()).contains("/login");
    screenshot("01-sign-in");
    screenshotPhone("01-sign-in");

    signIn(OWNER_EMAIL, OWNER_PASSWORD);

    assertThat(driver.getCurrentUrl()).endsWith("/settings/integrations/webhooks");
    assertThat(text(By.tagName("h1"))).isEqualTo("Webhooks");
    assertThat(text(By.cssSelector(".topbar"))).contains("Acme Inc").contains(OWNER_EMAIL);
    assertThat(text(By.id("plan-usage"))).contains("on Free");
    screenshot("02-webhooks-list-empty");

    driver.findElement(By.cssSelector("form.signout button")).click();
    waitFor(d -> d.getCurrentUrl().contains("/login"));
    assertThat(pageText()).contains("You are signed out.");
    open("/settings/integrations/webhooks");
    assertThat(driver.getCurrentUrl()).contains("/login");
  }

  @Test
  void a_wrong_password_is_refused_with_a_message() {
    signInExpectingFailure(OWNER_EMAIL, "not the password");
    assertThat(text(By.id("login-error"))).contains("do not match");
    screenshot("03-sign-in-wrong-password");
  }

  @Test
  void the_requested_page_is_remembered_across_sign_in() {
    Person owner = newOwner("pro");
    open("/settings/api-keys");
    assertThat(driver.getCurrentUrl()).contains("/login");
    signIn(owner.email(), owner.password());
    assertThat(driver.getCurrentUrl()).contains("/settings/api-keys");
  }

  @Test
  void a_post_without_a_csrf_token_is_refused() throws Exception {
    Person owner = newOwner("free");
    signIn(owner.email(), owner.password());
    String session = driver.manage().getCookieNamed("JSESSIONID").getValue();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/logout"))
                    .header("Cookie", "JSESSIONID=" + session)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(""))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("This form has expired");
    open("/settings/integrations/webhooks");
    assertThat(driver.getCurrentUrl())
        .as("still signed in")
        .endsWith("/settings/integrations/webhooks");
  }

  @Test
  void the_session_cookie_is_http_only_and_same_site_lax() {
    signIn(OWNER_EMAIL, OWNER_PASSWORD);
    var cookie = driver.manage().getCookieNamed("JSESSIONID");
    assertThat(cookie.isHttpOnly()).isTrue();
    assertThat(cookie.getSameSite()).isEqualTo("Lax");
  }

  @Test
  void the_api_still_answers_with_problems_not_the_sign_in_page() {
    Api.Result result = anonymous().get("/v1/webhooks");
    assertThat(result.status()).isEqualTo(401);
  }

  private void signInExpectingFailure(String email, String password) {
    open("/login");
    fill(By.id("email"), email);
    fill(By.id("password"), password);
    driver.findElement(By.cssSelector("form button[type=submit]")).click();
    waitFor(d -> d.getCurrentUrl().contains("error"));
  }
}
