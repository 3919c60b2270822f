package com.verk.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.Receiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

class DeliveryBrowserTest extends BrowserTest {

  private final Receiver receiver = new Receiver();

  @AfterEach
  void closeReceiver() {
    receiver.close();
  }

  @Test
  void send_test_shows_status_and_response_time_after_the_post() {
    Person owner = newOwner("free");
    String id = webhook(owner, List.of("task.created", "comment.created"));
    signIn(owner.email(), owner.password());
    open("/settings/integrations/webhooks/" + id);
    new Select(find(By.id("test-event"))).selectByValue("comment.created");
    find(By.id("send-test-button")).click();

    waitFor(d -> present(By.cssSelector("#test-result .result")));
    assertThat(driver.getCurrentUrl()).as("back on the webhook's page").contains(id);
    assertThat(text(By.id("test-result")))
        .contains("Succeeded")
        .contains("comment.created")
        .contains("200")
        .containsPattern("\\d+ ms");
    Receiver.Request request = receiver.take(WAIT);
    assertThat(request.header("X-Verk-Event")).isEqualTo("comment.created");
    screenshot("50-send-test-result");

    receiver.respondWith(503);
    new Select(find(By.id("test-event"))).selectByValue("comment.created");
    find(By.id("send-test-button")).click();
    waitFor(d -> text(By.id("test-result")).contains("Failed"));
    assertThat(text(By.id("test-result"))).contains("503");
    screenshot("51-send-test-failed");
  }

  @Test
  void a_task_created_through_the_api_appears_in_the_log_with_its_attempts_and_request() {
    Person owner = newOwner("free");
    String id = webhook(owner, List.of("task.created"));
    Api api = owner.tenant().api();
    String projectId =
        api.post("/v1/projects", Map.of("name", "Launch")).json().path("id").asString();
    Api.Result task =
        api.post("/v1/tasks", Map.of("title", "Write the docs", "projectId", projectId));
    assertThat(task.status()).as(task.body()).isEqualTo(201);
    receiver.take(WAIT);

    signIn(owner.email(), owner.password());
    open("/settings/integrations/webhooks/" + id);
    reloadUntil("Succeeded");
    assertThat(text(By.id("deliveries"))).contains("task.created").contains("200");
    screenshot("52-delivery-log");
    screenshotPhone("52-delivery-log");

    find(By.cssSelector("#deliveries a.row-link")).click();
    waitFor(d -> present(By.id("request-body")));
    find(By.cssSelector("#body-pretty summary")).click();
    assertThat(text(By.id("request-body")))
        .contains("\"event\" : \"task.created\"")
        .contains("Write the docs");
    assertThat(text(By.id("request-headers"))).contains("X-Verk-Signature");
    assertThat(driver.findElements(By.cssSelector("details.attempt"))).hasSize(1);
    screenshot("53-delivery-detail");
    screenshotPhone("53-delivery-detail");

    find(By.id("redeliver")).click();
    waitFor(d -> present(By.cssSelector(".flash-success")));
    receiver.take(WAIT);
    reloadUntil("Attempt 2");
    assertThat(driver.findElements(By.cssSelector("details.attempt"))).hasSize(2);
  }

  @Test
  void the_log_filters_by_status_and_event_newest_first() {
    Person owner = newOwner("free");
    String id = webhook(owner, List.of("task.created"));
    Api api = owner.tenant().api();
    api.post("/v1/webhooks/" + id + "/test", Map.of("event", "project.created"));
    receiver.respondWith(500);
    api.post("/v1/webhooks/" + id + "/test", Map.of("event", "task.created"));
    signIn(owner.email(), owner.password());
    open("/settings/integrations/webhooks/" + id);
    List<String> statuses =
        driver.findElements(By.cssSelector("#deliveries tbody tr")).stream()
            .map(r -> r.getAttribute("data-status"))
            .toList();
    assertThat(statuses).containsExactly("failed", "succeeded");

    new Select(find(By.id("filter-status"))).selectByValue("succeeded");
    find(By.id("filter-submit")).click();
    waitFor(d -> d.getCurrentUrl().contains("status=succeeded"));
    assertThat(text(By.id("deliveries")))
        .contains("project.created")
        .doesNotContain("task.created");
    new Select(find(By.id("filter-event"))).selectByValue("task.created");
    find(By.id("filter-submit")).click();
    waitFor(d -> d.getCurrentUrl().contains("event=task.created"));
    assertThat(pageText()).contains("No deliveries match this search");
  }

  @Test
  void the_log_pages_to_older_deliveries() {
    Person owner = newOwner("free");
    String id = webhook(owner, List.of("task.created"));
    Api api = owner.tenant().api();
    // Real events rather than Send Test, which is limited to 10 a minute per webhook.
    String projectId =
        api.post("/v1/projects", Map.of("name", "Paging")).json().path("id").asString();
    for (int i = 0; i < 21; i++) {
      assertThat(
              api.post("/v1/tasks", Map.of("title", "Task " + i, "projectId", projectId)).status())
          .isEqualTo(201);
    }
    signIn(owner.email(), owner.password());
    open("/settings/integrations/webhooks/" + id);
    assertThat(driver.findElements(By.cssSelector("#deliveries tbody tr"))).hasSize(20);
    String newest = find(By.cssSelector("#deliveries tbody tr")).getAttribute("data-delivery-id");
    find(By.id("older")).click();
    waitFor(d -> d.getCurrentUrl().contains("cursor="));
    assertThat(driver.findElements(By.cssSelector("#deliveries tbody tr"))).hasSize(1);
    assertThat(pageText()).contains("← Newest");
    assertThat(find(By.cssSelector("#deliveries tbody tr")).getAttribute("data-delivery-id"))
        .isNotEqualTo(newest);
  }

  @Test
  void a_failing_webhook_is_disabled_and_re_enabled_with_recovery() {
    receiver.respondWith(500);
    Person owner = newOwner("free");
    String id = webhook(owner, List.of("task.created"));
    Api api = owner.tenant().api();
    String projectId = api.post("/v1/projects", Map.of("name", "Ops")).json().path("id").asString();
    api.post("/v1/tasks", Map.of("title", "Fails at first", "projectId", projectId));

    signIn(owner.email(), owner.password());
    open("/settings/integrations/webhooks");
    // One attempt and six retries a second apart (this server's retry schedule).
    new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(40))
        .pollingEvery(Duration.ofMillis(500))
        .until(
            d -> {
              d.navigate().refresh();
              return text(By.id("webhooks")).contains("Disabled");
            });
    assertThat(text(By.id("webhooks"))).contains("0%").contains("0 of 7 attempts");
    screenshot("54-webhook-disabled-in-list");

    open("/settings/integrations/webhooks/" + id);
    assertThat(text(By.id("disabled-reason")))
        .isEqualTo("HTTP 500 on the last of 7 failed attempts in a row");
    assertThat(text(By.id("deliveries"))).contains("Failed").contains("500");
    screenshot("55-webhook-disabled-page");

    receiver.respondWith(200);
    int before = receiver.received().size();
    find(By.id("re-enable-recover")).click();
    assertThat(flashSuccess("1 failed or skipped deliveries"))
        .contains("1 failed or skipped deliveries");
    assertThat(text(By.id("webhook-state"))).isEqualTo("Active");
    reloadUntil("Succeeded");
    assertThat(receiver.received().size()).isGreaterThan(before);
    screenshot("56-webhook-re-enabled-recovered");
  }

  private String webhook(Person owner, List<String> events) {
    Api.Result created =
        owner
            .tenant()
            .api()
            .post("/v1/webhooks", Map.of("url", receiver.url("/hook"), "events", events));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asString();
  }
}
