package com.verk.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.Receiver;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** The read-only views, and the forms, with JavaScript turned off in the browser. */
class NoJavaScriptBrowserTest extends BrowserTest {

  private static WebDriver noScript;
  private static Path profile;

  @BeforeAll
  static void startBrowserWithoutJavaScript() {
    requireBrowser();
    profile = tempDir("verk-chromium-nojs-");
    noScript = newDriver(profile, true);
  }

  @AfterAll
  static void stopBrowserWithoutJavaScript() {
    if (noScript != null) {
      noScript.quit();
    }
    deleteQuietly(profile);
  }

  @BeforeEach
  void useBrowserWithoutJavaScript() {
    driver = noScript;
    driver.get(baseUrl() + "/login");
    driver.manage().deleteAllCookies();
  }

  @Test
  void every_read_only_page_renders_fully_and_send_test_works_by_form_post() {
    try (Receiver receiver = new Receiver()) {
      Person owner = newOwner("free");
      Api.Result created =
          owner
              .tenant()
              .api()
              .post(
                  "/v1/webhooks",
                  Map.of(
                      "url", receiver.url("/nojs"),
                      "events", List.of("task.created"),
                      "description", "No script needed"));
      String id = created.json().path("id").asString();
      signIn(owner.email(), owner.password());
      assertThat(text(By.id("webhooks"))).contains(receiver.url("/nojs")).contains("Active");
      screenshot("40-nojs-webhooks-list");

      open("/settings/integrations/webhooks/" + id);
      assertThat(pageText()).contains("Delivery Log").contains("Troubleshooting");
      assertThat(find(By.id("send-test-button")).isDisplayed()).isTrue();
      find(By.id("send-test-button")).click();
      waitFor(d -> present(By.cssSelector("#test-result .result")));
      assertThat(text(By.id("test-result"))).contains("Succeeded").contains("200");
      receiver.take(WAIT);
      screenshot("41-nojs-webhook-page-after-test");

      open("/settings/integrations/webhooks/" + id + "/edit");
      assertThat(find(By.cssSelector("input[value='task.created']")).isSelected()).isTrue();
      open("/settings/api-keys");
      assertThat(text(By.id("keys"))).contains("Owner key");
      open("/settings/team");
      assertThat(text(By.id("members"))).contains(owner.email());
      screenshot("42-nojs-team");
    }
  }
}
