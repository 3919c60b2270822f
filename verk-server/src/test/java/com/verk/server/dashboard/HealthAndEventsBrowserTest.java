package com.verk.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.system.Ids;
import com.verk.server.testing.Api;
import com.verk.server.testing.Receiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The webhook page's charts and the list's trend against rows this test wrote, and the Events page,
 * at 1280×800 and 390×844.
 */
class HealthAndEventsBrowserTest extends BrowserTest {

  static final Dimension DESKTOP = new Dimension(1280, 800);
  static final Dimension PHONE = new Dimension(390, 844);

  private final Receiver receiver = new Receiver();

  @AfterEach
  void closeReceiver() {
    receiver.close();
  }

  @Test
  void the_charts_show_the_deliveries_and_response_times_the_test_wrote() {
    Person owner = newOwner("pro");
    Person stranger = newOwner("pro");
    String id = webhook(owner, List.of("task.created"));
    String strangers = webhook(stranger, List.of("task.created"));
    long now = clock.millis();
    long twoHoursAgo = now - Duration.ofHours(2).toMillis();
    long thirtyHoursAgo = now - Duration.ofHours(30).toMillis();
    String event = event(owner.tenant().orgId(), now);
    long[] ms = {100, 200, 300};
    for (long m : ms) {
      attempt(
          delivery(owner.tenant().orgId(), id, event, "succeeded", twoHoursAgo),
          id,
          twoHoursAgo,
          true,
          m);
    }
    attempt(
        delivery(owner.tenant().orgId(), id, event, "failed", twoHoursAgo),
        id,
        twoHoursAgo,
        false,
        400);
    for (int i = 0; i < 2; i++) {
      attempt(
          delivery(owner.tenant().orgId(), id, event, "succeeded", thirtyHoursAgo),
          id,
          thirtyHoursAgo,
          true,
          50);
    }
    // Another organization's busy webhook: nothing of it may show on the owner's pages.
    String foreignEvent = event(stranger.tenant().orgId(), now);
    for (int i = 0; i < 5; i++) {
      attempt(
          delivery(stranger.tenant().orgId(), strangers, foreignEvent, "failed", twoHoursAgo),
          strangers,
          twoHoursAgo,
          false,
          9000);
    }

    driver.manage().window().setSize(DESKTOP);
    signIn(owner.email(), owner.password());
    open("/settings/integrations/webhooks/" + id);
    WebElement day = find(By.id("chart-outcomes-day"));
    List<WebElement> succeeded = day.findElements(By.cssSelector("rect.seg-succeeded"));
    List<WebElement> failed = day.findElements(By.cssSelector("rect.seg-failed"));
    assertThat(succeeded).hasSize(1);
    assertThat(failed).hasSize(1);
    assertThat(day.findElements(By.cssSelector("rect.seg-pending, rect.seg-skipped"))).isEmpty();
    assertThat(succeeded.get(0).getAttribute("data-count")).isEqualTo("3");
    double green = Double.parseDouble(succeeded.get(0).getAttribute("height"));
    double red = Double.parseDouble(failed.get(0).getAttribute("height"));
    assertThat(green / red).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.01));
    assertThat(textContent(By.cssSelector("#chart-outcomes-day desc")))
        .isEqualTo("4 deliveries: 3 succeeded, 1 failed, 0 pending or retrying, 0 skipped.");
    assertThat(cells(By.cssSelector("#chart-outcomes-day-table tfoot td")))
        .containsExactly("3", "1", "0", "0", "4");
    assertThat(cells(By.cssSelector("#chart-outcomes-week-table tfoot td")))
        .containsExactly("5", "1", "0", "0", "6");
    // Nearest rank of 100, 200, 300 and 400 ms: p50 is the 2nd, p95 the 4th.
    assertThat(cells(By.cssSelector("#chart-latency-day-table tbody td")))
        .containsExactly("4", "200 ms", "400 ms");
    assertThat(find(By.id("chart-latency-day")).findElements(By.cssSelector("circle.dot-p95")))
        .hasSize(1);
    assertThat(find(By.id("chart-latency-week")).findElements(By.cssSelector("circle.dot-p50")))
        .hasSize(2);
    assertThat(pageText()).doesNotContain("9000");
    for (WebElement summary : driver.findElements(By.cssSelector("#charts details > summary"))) {
      summary.click();
    }
    assertThat(text(By.id("chart-outcomes-day-table")))
        .containsIgnoringCase("succeeded")
        .contains("3 1 0 0 4");
    assertInsideItsCard(By.id("chart-outcomes-day"));
    screenshot("60-webhook-charts");
    driver.manage().window().setSize(PHONE);
    assertInsideItsCard(By.id("chart-latency-week"));
    assertNoSidewaysScroll();
    screenshot("60-webhook-charts-phone");

    driver.manage().window().setSize(DESKTOP);
    open("/settings/integrations/webhooks");
    String trend = textContent(By.cssSelector("#trend-" + id + " title"));
    assertThat(trend).contains("75% (3 of 4)").contains("100% (2 of 2)");
    assertThat(find(By.id("trend-" + id)).findElements(By.cssSelector("circle"))).hasSize(2);
    assertThat(present(By.id("trend-" + strangers))).isFalse();
    screenshot("61-webhook-list-trend");
    driver.manage().window().setSize(PHONE);
    assertNoSidewaysScroll();
    screenshot("61-webhook-list-trend-phone");
  }

  @Test
  void the_events_page_lists_each_event_with_its_deliveries_and_filters_with_a_plain_form() {
    Person owner = newOwner("pro");
    Person stranger = newOwner("pro");
    String id = webhook(owner, List.of("project.created"));
    Api api = owner.tenant().api();
    for (String name : List.of("Launch", "Docs")) {
      Api.Result created = api.post("/v1/projects", Map.of("name", name));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
    }
    receiver.take(WAIT);
    receiver.take(WAIT);
    String project =
        api.post("/v1/projects", Map.of("name", "Backlog")).json().path("id").asString();
    receiver.take(WAIT);
    Api.Result task = api.post("/v1/tasks", Map.of("title", "Unsubscribed", "projectId", project));
    assertThat(task.status()).as(task.body()).isEqualTo(201);
    stranger.tenant().api().post("/v1/projects", Map.of("name", "Secret project"));

    driver.manage().window().setSize(DESKTOP);
    signIn(owner.email(), owner.password());
    open("/settings/integrations/webhooks");
    find(By.cssSelector("nav.sidenav a[href$='/settings/integrations/webhooks/events']")).click();
    waitFor(d -> present(By.id("event-list")));
    assertThat(find(By.cssSelector("nav.sidenav a[aria-current=page]")).getText())
        .isEqualTo("Events");
    reloadUntilAll(By.cssSelector("#events li[data-status=succeeded]"), 3);
    List<WebElement> rows = driver.findElements(By.cssSelector("#events tbody tr"));
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0).getText())
        .contains("task.created")
        .contains("No webhook was subscribed");
    assertThat(rows.get(1).getText())
        .contains("project.created")
        .contains("Succeeded")
        .contains(receiver.url("/hook"))
        .contains("HTTP 200")
        .contains("1 attempt");
    assertThat(pageText()).doesNotContain("Secret project");
    assertInsideItsCard(By.id("events"));
    screenshot("62-events");
    driver.manage().window().setSize(PHONE);
    assertNoSidewaysScroll();
    screenshot("62-events-phone");
    driver.manage().window().setSize(DESKTOP);

    new Select(find(By.id("filter-type"))).selectByValue("task.created");
    find(By.cssSelector("#event-filters button[type=submit]")).click();
    waitFor(d -> d.getCurrentUrl().contains("type=task.created"));
    assertThat(driver.findElements(By.cssSelector("#events tbody tr"))).hasSize(1);
    open("/settings/integrations/webhooks/events?since=2099-01-01T00:00");
    assertThat(text(By.id("no-events"))).contains("No events match these filters");
    open("/settings/integrations/webhooks/events?since=2025-01-02T00:00&until=2025-01-01T00:00");
    assertThat(text(By.cssSelector(".flash-error"))).contains("To must be later than From.");
    open("/settings/integrations/webhooks/events?since=not-a-time&type=nonsense");
    assertThat(text(By.cssSelector(".flash-error"))).contains("From must be a date and time");
    assertThat(driver.findElements(By.cssSelector("#events tbody tr"))).hasSize(4);

    find(By.cssSelector("#events li[data-status=succeeded] a")).click();
    waitFor(d -> present(By.id("request-body")));
    assertThat(driver.getCurrentUrl())
        .contains("/settings/integrations/webhooks/" + id + "/deliveries/");
    assertThat(textContent(By.id("request-body"))).contains("project.created");
  }

  // ---- helpers ----

  private String webhook(Person owner, List<String> events) {
    Api.Result created =
        owner
            .tenant()
            .api()
            .post("/v1/webhooks", Map.of("url", receiver.url("/hook"), "events", events));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asString();
  }

  private String event(String orgId, long at) {
    String id = Ids.next("evt");
    jdbc.sql(
            "INSERT INTO events (id, org_id, org_name, type, data, occurred_at)"
                + " VALUES (?, ?, 'Org', 'task.created', '{}', ?)")
        .params(id, orgId, at)
        .update();
    return id;
  }

  private String delivery(String orgId, String webhookId, String eventId, String status, long at) {
    String id = Ids.next("delivery");
    jdbc.sql(
            "INSERT INTO deliveries (id, org_id, webhook_id, event_id, event_type, status,"
                + " attempts, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, 'task.created', ?, 1, ?, ?)")
        .params(id, orgId, webhookId, eventId, status, at, at)
        .update();
    return id;
  }

  private void attempt(String deliveryId, String webhookId, long at, boolean success, long ms) {
    jdbc.sql(
            "INSERT INTO delivery_attempts (id, delivery_id, webhook_id, number, attempted_at,"
                + " success, response_status, response_time_ms) VALUES (?, ?, ?, 1, ?, ?, ?, ?)")
        .params(Ids.next("attempt"), deliveryId, webhookId, at, success, success ? 200 : 503, ms)
        .update();
  }

  /** Text of elements that may sit in a closed {@code <details>} (getText would be empty). */
  private String textContent(By by) {
    return find(by).getAttribute("textContent").trim();
  }

  private List<String> cells(By by) {
    return driver.findElements(by).stream().map(e -> e.getAttribute("textContent").trim()).toList();
  }

  private void reloadUntilAll(By by, int count) {
    waitFor(
        d -> {
          if (d.findElements(by).size() >= count) {
            return true;
          }
          d.navigate().refresh();
          return false;
        });
  }

  /** The element's box lies inside the card that holds it: nothing is cut off or hidden. */
  private void assertInsideItsCard(By by) {
    WebElement element = find(by);
    WebElement card = element.findElement(By.xpath("ancestor::*[contains(@class,'card')][1]"));
    var box = element.getRect();
    var outer = card.getRect();
    assertThat(box.getX()).isGreaterThanOrEqualTo(outer.getX());
    assertThat(box.getX() + box.getWidth()).isLessThanOrEqualTo(outer.getX() + outer.getWidth());
  }

  private void assertNoSidewaysScroll() {
    Number scroll =
        (Number)
            ((JavascriptExecutor) driver)
                .executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assertThat(scroll.intValue()).as("page scrolls sideways").isLessThanOrEqualTo(0);
  }
}
