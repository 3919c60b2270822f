package com.verk.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.Receiver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

class WebhookSettingsBrowserTest extends BrowserTest {

  private final Receiver receiver = new Receiver();

  @AfterEach
  void closeReceiver() {
    receiver.close();
  }

  @Test
  void an_owner_creates_a_webhook_and_sees_its_secret_exactly_once() {
    Person owner = newOwner("free");
    signIn(owner.email(), owner.password());
    find(By.id("create-webhook")).click();
    fill(By.id("url"), receiver.url("/hooks/verk"));
    find(By.cssSelector("input[data-group-all='Task']")).click();
    fill(By.id("description"), "Sync tasks to the warehouse");
    assertThat(find(By.cssSelector("input[value='task.completed']")).isSelected()).isTrue();
    screenshot("10-create-webhook-form");
    screenshotPhone("10-create-webhook-form");
    find(By.id("submit-webhook")).click();

    waitFor(d -> present(By.id("new-secret")));
    String secret = text(By.id("secret-value"));
    assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
    assertThat(find(By.cssSelector("[data-copy='secret-value']")).isDisplayed()).isTrue();
    assertThat(text(By.id("webhook-url"))).isEqualTo(receiver.url("/hooks/verk"));
    assertThat(texts(driver.findElements(By.cssSelector("#webhook-events .chip"))))
        .containsExactly("task.created", "task.updated", "task.deleted", "task.completed");
    screenshot("11-webhook-created-secret-once");

    driver.navigate().refresh();
    assertThat(present(By.id("new-secret"))).isFalse();
    assertThat(pageText()).doesNotContain(secret);

    open("/settings/integrations/webhooks");
    assertThat(text(By.id("webhooks"))).contains(receiver.url("/hooks/verk")).contains("Active");
    assertThat(text(By.id("plan-usage"))).contains("1 of 2 webhooks on Free");
    screenshot("12-webhooks-list");
    screenshotPhone("12-webhooks-list");
  }

  @Test
  void invalid_input_is_explained_next_to_each_field_by_the_api_rules() {
    Person owner = newOwner("free");
    signIn(owner.email(), owner.password());
    open("/settings/integrations/webhooks/new");
    fill(By.id("url"), "ftp://example.com/hook");
    find(By.cssSelector("input[name='secretMode'][value='provide']")).click();
    fill(By.id("secret"), "short");
    find(By.id("submit-webhook")).click();

    assertThat(text(By.id("url-error"))).contains("must use https");
    assertThat(text(By.id("events-error"))).contains("at least one event type");
    assertThat(text(By.id("secret-error"))).contains("between");
    assertThat(find(By.id("url")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(find(By.id("url")).getAttribute("value")).isEqualTo("ftp://example.com/hook");
    screenshot("13-create-webhook-validation");
  }

  @Test
  void at_the_plan_limit_create_is_disabled_with_the_reason() {
    Person owner = newOwner("free");
    Api api = owner.tenant().api();
    for (int i = 0; i < 2; i++) {
      Api.Result created =
          api.post(
              "/v1/webhooks",
              Map.of("url", receiver.url("/h" + i), "events", List.of("task.created")));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
    }
    signIn(owner.email(), owner.password());
    assertThat(text(By.id("plan-usage"))).contains("2 of 2 webhooks on Free");
    assertThat(present(By.id("create-webhook"))).isFalse();
    assertThat(text(By.id("limit-reached"))).contains("Free plan allows 2 webhooks");
    screenshot("14-plan-limit-reached");
    open("/settings/integrations/webhooks/new");
    assertThat(driver.getCurrentUrl()).endsWith("/settings/integrations/webhooks");
    assertThat(text(By.cssSelector(".flash-error"))).contains("all of them are in use");
  }

  @Test
  void an_owner_edits_disables_re_enables_rotates_and_deletes_a_webhook() {
    Person owner = newOwner("pro");
    Api.Result created =
        owner
            .tenant()
            .api()
            .post(
                "/v1/webhooks",
                Map.of("url", receiver.url("/edit-me"), "events", List.of("task.created")));
    String id = created.json().path("id").asString();
    signIn(owner.email(), owner.password());
    open("/settings/integrations/webhooks/" + id + "/edit");
    find(By.cssSelector("input[data-group-all='Comment']")).click();
    fill(By.id("description"), "Edited in the dashboard");
    find(By.id("submit-webhook")).click();
    waitFor(d -> present(By.cssSelector(".flash-success")));
    assertThat(texts(driver.findElements(By.cssSelector("#webhook-events .chip"))))
        .contains("task.created", "comment.created", "comment.deleted");
    assertThat(pageText()).contains("Edited in the dashboard");

    find(By.id("disable")).click();
    waitFor(d -> present(By.id("disabled-callout")));
    assertThat(text(By.id("webhook-state"))).isEqualTo("Disabled");
    screenshot("15-webhook-disabled-manually");
    find(By.id("re-enable")).click();
    waitFor(d -> !present(By.id("disabled-callout")));
    assertThat(text(By.id("webhook-state"))).isEqualTo("Active");

    find(By.id("rotate-open")).click();
    find(By.id("rotate-confirm")).click();
    waitFor(d -> present(By.id("new-secret")));
    assertThat(text(By.id("new-secret"))).contains("previous secret keeps signing");

    find(By.id("delete-open")).click();
    screenshot("16-delete-confirmation");
    find(By.id("delete-confirm")).click();
    waitFor(d -> d.getCurrentUrl().endsWith("/settings/integrations/webhooks"));
    assertThat(text(By.cssSelector(".flash-success"))).contains("deleted");
    assertThat(owner.tenant().api().get("/v1/webhooks/" + id).status()).isEqualTo(404);
  }

  @Test
  void another_organizations_webhook_is_not_found() {
    Person stranger = newOwner("free");
    Api.Result theirs =
        stranger
            .tenant()
            .api()
            .post(
                "/v1/webhooks",
                Map.of("url", receiver.url("/secret-place"), "events", List.of("task.created")));
    Person owner = newOwner("free");
    signIn(owner.email(), owner.password());
    open("/settings/integrations/webhooks/" + theirs.json().path("id").asString());
    assertThat(text(By.tagName("h1"))).isEqualTo("Not found");
    assertThat(pageText()).doesNotContain("secret-place");
  }
}
