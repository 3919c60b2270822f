package com.verk.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The rate limit in the create and edit forms, and a receiver's pause on the webhook page. */
class EndpointControlsBrowserTest extends BrowserTest {

  @Autowired DataSource dataSource;

  @Test
  void an_owner_sets_changes_and_removes_a_rate_limit_and_sees_a_pause() {
    Person owner = newOwner("free");
    signIn(owner.email(), owner.password());
    open("/settings/integrations/webhooks/new");
    fill(By.id("url"), "https://example.com/limited");
    find(By.cssSelector("input[value='task.created']")).click();
    fill(By.id("rateLimit"), "10");
    find(By.id("submit-webhook")).click();

    waitFor(d -> present(By.id("new-secret")));
    assertThat(text(By.id("webhook-rate-limit"))).isEqualTo("10 per second");
    String page = driver.getCurrentUrl();

    open(page.replaceFirst("^https?://[^/]+", "") + "/edit");
    assertThat(find(By.id("rateLimit")).getAttribute("value")).isEqualTo("10");
    fill(By.id("rateLimit"), "20000");
    find(By.id("submit-webhook")).click();
    assertThat(text(By.id("rateLimit-error"))).contains("between 1 and 10000");
    assertThat(find(By.id("rateLimit")).getAttribute("aria-invalid")).isEqualTo("true");
    fill(By.id("rateLimit"), "");
    find(By.id("submit-webhook")).click();
    waitFor(d -> present(By.id("webhook-rate-limit")));
    assertThat(text(By.id("webhook-rate-limit"))).isEqualTo("No limit");
    assertThat(present(By.id("paused-callout"))).isFalse();

    String id = page.substring(page.lastIndexOf('/') + 1);
    new JdbcTemplate(dataSource)
        .update("UPDATE webhooks SET paused_until = ? WHERE id = ?", clock.millis() + 600_000, id);
    driver.navigate().refresh();
    assertThat(text(By.id("paused-callout"))).contains("Paused by your endpoint");
    assertThat(text(By.id("paused-until"))).endsWith("UTC");
    screenshot("40-webhook-paused-by-receiver");
  }
}
