package com.verk.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.events.EventType;
import com.verk.server.testing.Api;
import com.verk.server.testing.Receiver;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 17's delivery log: it fits its box from 1024 px up and is a stack of cards on a phone, Send
 * Test shows its delivery at once, the body is shown as signed, the troubleshooting text and
 * disable reason say what happened, times are UTC, and the log is searched. Screenshots go to
 * {@code target/screenshots/log-*.png}, named by page and width.
 */
class DeliveryLogBrowserTest extends BrowserTest {

  private static final String SECRET = "whsec-browser-test-0001";
  private static final String BASE = "/settings/integrations/webhooks/";

  private final Receiver receiver = new Receiver();

  @AfterEach
  void closeReceiver() {
    receiver.close();
  }

  @Test
  void the_log_shows_all_six_columns_inside_its_box_from_1024_px_and_cards_on_a_phone() {
    Person owner = newOwner("pro");
    String id =
        webhook(
            owner,
            receiver.url("/hooks/" + "a-rather-long-path-segment/".repeat(6) + "end"),
            List.of("task.created", "member.role_changed"));
    Api api = owner.tenant().api();
    api.post(hookPath(id) + "/test", Map.of("event", "member.role_changed"));
    receiver.respondWith(503);
    api.post(hookPath(id) + "/test", Map.of("event", "comment.created"));
    receiver.respondWith(200);
    api.post(hookPath(id) + "/test", Map.of("event", "task.created"));
    signIn(owner.email(), owner.password());
    open(BASE + id);

    assertThat(texts(driver.findElements(By.cssSelector("#deliveries thead th"))))
        .containsExactly(
            "TIMESTAMP UTC", "EVENT", "STATUS", "HTTP STATUS", "RESPONSE TIME", "ATTEMPTS");
    for (int width : new int[] {1024, 1100, 1279, 1280, 1366, 1440, 1920}) {
      driver.manage().window().setSize(new Dimension(width, 800));
      open(BASE + id);
      assertInsideBox("#deliveries-box", "#deliveries th, #deliveries td", width);
      assertInsideBox("main", "#webhook-url, #delivery-log, #log-search", width);
      assertThat(noHorizontalScroll()).as("page scrolls sideways at %d px", width).isTrue();
      if (width == 1024 || width == 1280) {
        screenshot("log-webhook-" + width);
      }
    }

    driver.manage().window().setSize(new Dimension(390, 844));
    open(BASE + id);
    List<WebElement> rows = driver.findElements(By.cssSelector("#deliveries tbody tr"));
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).getCssValue("display")).as("a row is a card").isEqualTo("block");
    assertThat(find(By.cssSelector("#deliveries thead")).getRect().getWidth()).isLessThan(2);
    assertThat(
            ((JavascriptExecutor) driver)
                .executeScript(
                    "return Array.from(arguments[0].querySelectorAll('td')).map("
                        + "td => getComputedStyle(td, '::before').content).join('|');",
                    rows.get(0)))
        .as("each cell of a card names its column")
        .isEqualTo(
            "\"Timestamp\"|\"Event\"|\"Status\"|\"HTTP status\"|\"Response time\"|\"Attempts\"");
    assertInsideBox("#deliveries-box", "#deliveries td", 390);
    assertThat(noHorizontalScroll()).as("page scrolls sideways on a phone").isTrue();
    screenshot("log-webhook-390");

    open("/settings/integrations/webhooks");
    assertInsideBox("#webhooks", "#webhooks td a.row-link", 390);
    assertThat(noHorizontalScroll()).isTrue();
    screenshot("log-webhooks-list-390");
    driver.manage().window().setSize(new Dimension(1280, 800));
    open("/settings/integrations/webhooks");
    assertInsideBox("#webhooks", "#webhooks td", 1280);
    assertThat(noHorizontalScroll()).isTrue();
    WebElement link = find(By.cssSelector("#webhooks a.row-link"));
    assertThat(link.getText().replace("\n", "")).contains("a-rather-long-path-segment/end");
    screenshot("log-webhooks-list-1280");
  }

  @Test
  void send_test_lists_subscribed_types_first_and_the_page_then_shows_the_new_delivery() {
    Person owner = newOwner("free");
    String id = webhook(owner, receiver.url("/hook"), List.of("file.uploaded", "comment.created"));
    signIn(owner.email(), owner.password());
    open(BASE + id);
    assertThat(pageText()).contains("No deliveries yet");
    assertThat(text(By.id("settings-title"))).isEqualTo("Settings");
    Select select = new Select(find(By.id("test-event")));
    List<String> options = texts(select.getOptions());
    assertThat(options.subList(0, 2)).containsExactlyInAnyOrder("file.uploaded", "comment.created");
    assertThat(options)
        .as("every type is offered, the subscribed ones first")
        .hasSize(EventType.values().length)
        .doesNotHaveDuplicates();
    assertThat(
            driver
                .findElement(By.cssSelector("#test-event optgroup:first-child"))
                .getAttribute("label"))
        .isEqualTo("Subscribed");
    assertThat(select.getFirstSelectedOption().getText()).isEqualTo(options.get(0));

    select.selectByValue("comment.created");
    find(By.id("send-test-button")).click();
    waitFor(d -> present(By.cssSelector("#test-result .result")));
    assertThat(text(By.id("test-result"))).contains("Succeeded").contains("HTTP status");
    // Redirected after the post: the same page read afresh shows the delivery and last delivery.
    assertThat(driver.findElements(By.cssSelector("#deliveries tbody tr"))).hasSize(1);
    assertThat(text(By.id("deliveries"))).contains("comment.created").contains("200");
    assertThat(pageText()).doesNotContain("No deliveries yet").doesNotContain("None yet");
    assertThat(pageText()).contains("Succeeded just now");
    screenshot("log-send-test-1280");
  }

  @Test
  void the_delivery_page_shows_the_body_as_signed_and_its_hmac_can_be_recomputed()
      throws Exception {
    Person owner = newOwner("free");
    Api api = owner.tenant().api();
    Api.Result created =
        api.post(
            "/v1/webhooks",
            Map.of(
                "url", receiver.url("/hook"), "events", List.of("task.created"), "secret", SECRET));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").asString();
    String project =
        api.post("/v1/projects", Map.of("name", "Ünïcode ✓")).json().path("id").asString();
    api.post("/v1/tasks", Map.of("title", "Sign  me \"exactly\" ✓", "projectId", project));
    Receiver.Request sent = receiver.take(WAIT);

    signIn(owner.email(), owner.password());
    open(BASE + id);
    reloadUntil("Succeeded");
    find(By.cssSelector("#deliveries a.row-link")).click();
    WebElement raw = find(By.id("request-body-raw"));
    String onPage = raw.getAttribute("textContent");
    assertThat(onPage).isEqualTo(sent.bodyText());
    String signature = "sha256=" + hex(hmac(SECRET, onPage));
    assertThat(signature).isEqualTo(sent.header("X-Verk-Signature"));
    assertThat(text(By.id("request-headers"))).contains(signature);
    assertThat(text(By.id("body-raw-hint")))
        .contains(onPage.getBytes(StandardCharsets.UTF_8).length + " bytes");
    // The indented view is beside it, folded, and says it is not what was signed.
    find(By.cssSelector("#body-pretty summary")).click();
    assertThat(text(By.id("request-body"))).contains("\"event\" : \"task.created\"");
    assertThat(text(By.cssSelector("#body-pretty summary"))).contains("not what was signed");
    screenshot("log-delivery-1280");
    driver.manage().window().setSize(new Dimension(390, 844));
    driver.navigate().refresh();
    assertThat(noHorizontalScroll()).isTrue();
    screenshot("log-delivery-390");
  }

  @Test
  void troubleshooting_follows_this_servers_retry_schedule_and_breadcrumbs_lead_to_real_pages() {
    Person owner = newOwner("free");
    String id = webhook(owner, receiver.url("/hook"), List.of("task.created"));
    signIn(owner.email(), owner.password());
    open(BASE + id);
    // BrowserTest runs with verk.webhooks.retry-schedule=1s,1s,1s,1s,1s,1s (not the default).
    assertThat(text(By.id("help-disable-rule")))
        .contains("still fails after its 6 retries (1 s apart, 6 s in all)")
        .doesNotContain("1 min");
    assertThat(text(By.id("help-timeout"))).contains("within 5 s");

    find(By.cssSelector(".breadcrumbs a[href$='/settings/integrations']")).click();
    waitFor(d -> d.getCurrentUrl().endsWith("/settings/integrations"));
    assertThat(text(By.tagName("h1"))).isEqualTo("Integrations");
    assertThat(texts(driver.findElements(By.cssSelector("#settings-links a"))))
        .containsExactly("Webhooks", "API keys");
    screenshot("log-integrations-1280");
    find(By.cssSelector(".breadcrumbs a[href$='/settings']")).click();
    waitFor(d -> d.getCurrentUrl().endsWith("/settings"));
    assertThat(text(By.tagName("h1"))).isEqualTo("Settings");
    assertThat(pageText()).contains("Team");
    screenshot("log-settings-1280");
    find(By.linkText("Webhooks")).click();
    waitFor(d -> d.getCurrentUrl().endsWith("/settings/integrations/webhooks"));
  }

  @Test
  void a_disabled_webhook_says_why_error_first_and_recovers_since_a_utc_time() {
    Person owner = newOwner("free");
    String id = webhook(owner, receiver.url("/hook"), List.of("task.created"));
    Api api = owner.tenant().api();
    String reason =
        "Disabled after delivery delivery_2Xb9kLmN4pQ7rS1tVeryLongIdentifier failed 7 attempts"
            + " with no successful delivery since its first attempt; last error: HTTP 500";
    jdbc.sql(
            "UPDATE webhooks SET active = FALSE, disabled_at = ?, disabled_reason = ? WHERE id = ?")
        .params(System.currentTimeMillis(), reason, id)
        .update();
    String project = api.post("/v1/projects", Map.of("name", "P")).json().path("id").asString();
    api.post("/v1/tasks", Map.of("title", "Before", "projectId", project));
    api.post("/v1/tasks", Map.of("title", "After", "projectId", project));
    List<String> skipped =
        jdbc.sql(
                "SELECT id FROM deliveries WHERE webhook_id = ? AND status = 'skipped'"
                    + " ORDER BY created_at, id")
            .param(id)
            .query(String.class)
            .list();
    assertThat(skipped).hasSize(2);
    setCreated(skipped.get(0), "2024-01-15T10:00:00Z");
    setCreated(skipped.get(1), "2024-01-15T11:00:00Z");

    signIn(owner.email(), owner.password());
    open("/settings/integrations/webhooks");
    WebElement why = find(By.cssSelector("#webhooks .disabled-why"));
    assertThat(why.getText()).contains("HTTP 500 on the last of 7 failed attempts in a row");
    assertThat(fullyShown(why)).as("the reason is not cut off").isTrue();
    screenshot("log-webhooks-disabled-1280");

    open(BASE + id);
    assertThat(text(By.id("disabled-reason")))
        .isEqualTo("HTTP 500 on the last of 7 failed attempts in a row");
    assertThat(find(By.id("disabled-delivery")).getAttribute("href"))
        .endsWith("/deliveries/delivery_2Xb9kLmN4pQ7rS1tVeryLongIdentifier");
    WebElement since = find(By.id("recover-since"));
    assertThat(since.getAttribute("type")).isEqualTo("text");
    assertThat(since.getAttribute("value")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
    assertThat(text(By.cssSelector("label[for=recover-since]"))).contains("UTC");
    assertThat(text(By.id("recover-since-hint"))).contains("UTC").contains("YYYY-MM-DD HH:MM");
    screenshot("log-webhook-disabled-1280");
    screenshotPhone("log-webhook-disabled");

    fill(By.id("recover-since"), "15/01/2024");
    find(By.id("re-enable-recover")).click();
    waitFor(d -> present(By.cssSelector(".flash-error")));
    assertThat(text(By.cssSelector(".flash-error"))).contains("YYYY-MM-DD HH:MM");
    assertThat(text(By.id("webhook-state")))
        .as("a refused form changes nothing")
        .isEqualTo("Disabled");

    fill(By.id("recover-since"), "2024-01-15 10:30");
    find(By.id("re-enable-recover")).click();
    assertThat(flashSuccess("queued again"))
        .contains("1 failed or skipped deliveries since 2024-01-15 10:30 UTC");
    assertThat(
            jdbc.sql("SELECT status FROM deliveries WHERE id = ?")
                .param(skipped.get(0))
                .query(String.class)
                .single())
        .as("10:00 UTC is before 10:30 UTC")
        .isEqualTo("skipped");
  }

  @Test
  void the_log_is_searched_by_delivery_id_task_id_status_event_and_time_range() {
    Person owner = newOwner("pro");
    String id = webhook(owner, receiver.url("/hook"), List.of("task.created", "project.created"));
    Api api = owner.tenant().api();
    String project = api.post("/v1/projects", Map.of("name", "P")).json().path("id").asString();
    String task1 =
        api.post("/v1/tasks", Map.of("title", "One", "projectId", project))
            .json()
            .path("id")
            .asString();
    api.post("/v1/tasks", Map.of("title", "Two", "projectId", project));
    waitFor(
        d ->
            jdbc.sql(
                        "SELECT COUNT(*) FROM deliveries WHERE webhook_id = ? AND status = 'succeeded'")
                    .param(id)
                    .query(Integer.class)
                    .single()
                == 3);
    receiver.respondWith(500);
    String failedTest =
        api.post(hookPath(id) + "/test", Map.of("event", "task.created"))
            .json()
            .path("deliveryId")
            .asString();
    String task1Delivery =
        jdbc.sql(
                "SELECT d.id FROM deliveries d JOIN events e ON e.id = d.event_id"
                    + " WHERE d.webhook_id = ? AND e.object_id = ?")
            .params(id, task1)
            .query(String.class)
            .single();
    String projectDelivery =
        jdbc.sql(
                "SELECT id FROM deliveries WHERE webhook_id = ? AND event_type = 'project.created'")
            .param(id)
            .query(String.class)
            .single();
    setCreated(projectDelivery, "2024-01-15T10:00:30Z");
    // Another organization's delivery: never found through this webhook.
    Person other = newOwner("pro");
    String otherHook = webhook(other, receiver.url("/other"), List.of("task.created"));
    receiver.respondWith(200);
    String foreign =
        other
            .tenant()
            .api()
            .post(hookPath(otherHook) + "/test", Map.of("event", "task.created"))
            .json()
            .path("deliveryId")
            .asString();

    signIn(owner.email(), owner.password());
    open(BASE + id);
    assertThat(rowIds()).hasSize(4);

    search(Map.of("filter-q", task1));
    assertThat(rowIds()).containsExactly(task1Delivery);
    assertThat(driver.getCurrentUrl()).contains("q=" + task1);
    screenshot("log-search-task-1280");

    search(Map.of("filter-q", failedTest));
    assertThat(rowIds()).containsExactly(failedTest);

    search(Map.of("filter-q", foreign));
    assertThat(rowIds()).isEmpty();
    assertThat(pageText()).contains("No deliveries match this search");

    search(Map.of());
    new Select(find(By.id("filter-status"))).selectByValue("failed");
    submitSearch();
    assertThat(driver.getCurrentUrl()).contains("status=failed");
    assertThat(rowIds()).containsExactly(failedTest);

    search(Map.of());
    new Select(find(By.id("filter-event"))).selectByValue("project.created");
    submitSearch();
    assertThat(driver.getCurrentUrl()).contains("event=project.created");
    assertThat(rowIds()).containsExactly(projectDelivery);

    search(Map.of("filter-from", "2024-01-15 09:00", "filter-to", "2024-01-15 10:00"));
    assertThat(rowIds()).as("'to 10:00' includes 10:00:30").containsExactly(projectDelivery);
    assertThat(find(By.id("filter-from")).getAttribute("value")).isEqualTo("2024-01-15 09:00");
    screenshot("log-search-time-1280");
    screenshotPhone("log-search-time");

    search(Map.of("filter-from", "soon"));
    assertThat(text(By.id("search-problems"))).contains("From:").contains("YYYY-MM-DD HH:MM");
    assertThat(rowIds()).hasSize(4);

    open(BASE + id + "?q=" + "x".repeat(201) + "&cursor=nonsense");
    assertThat(text(By.id("search-problems")))
        .contains("The search was not run: ")
        .contains("the ID must be at most 200 characters");
    assertThat(rowIds()).as("the newest page, unsearched").hasSize(4);

    open(BASE + otherHook + "?q=" + foreign);
    assertThat(pageText()).contains("Not found");
  }

  // ---- helpers ----

  private static String hookPath(String id) {
    return "/v1/webhooks/" + id;
  }

  private String webhook(Person owner, String url, List<String> events) {
    Api.Result created =
        owner.tenant().api().post("/v1/webhooks", Map.of("url", url, "events", events));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asString();
  }

  private void setCreated(String deliveryId, String at) {
    jdbc.sql("UPDATE deliveries SET created_at = ? WHERE id = ?")
        .params(Instant.parse(at).toEpochMilli(), deliveryId)
        .update();
  }

  /** Clears the search form, fills the given fields by id and submits. */
  private void search(Map<String, String> fields) {
    for (String field : List.of("filter-q", "filter-from", "filter-to")) {
      find(By.id(field)).clear();
    }
    new Select(find(By.id("filter-status"))).selectByValue("");
    new Select(find(By.id("filter-event"))).selectByValue("");
    fields.forEach((field, value) -> fill(By.id(field), value));
    submitSearch();
  }

  /** Submits the search form and waits for the page it leads to (a new document). */
  private void submitSearch() {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    js.executeScript("window.verkOldPage = true;");
    find(By.id("filter-submit")).click();
    waitFor(d -> js.executeScript("return window.verkOldPage === undefined;").equals(Boolean.TRUE));
    waitFor(d -> present(By.id("log-search")));
  }

  private List<String> rowIds() {
    return driver.findElements(By.cssSelector("#deliveries tbody tr")).stream()
        .map(r -> r.getAttribute("data-delivery-id"))
        .toList();
  }

  /** Every element matching {@code cells} ends inside {@code box}, and the box does not scroll. */
  @SuppressWarnings("unchecked")
  private void assertInsideBox(String box, String cells, int width) {
    Map<String, Object> result =
        (Map<String, Object>)
            ((JavascriptExecutor) driver)
                .executeScript(
                    """
                    const box = document.querySelector(arguments[0]);
                    const right = box.getBoundingClientRect().right;
                    const out = [];
                    for (const el of document.querySelectorAll(arguments[1])) {
                      const r = el.getBoundingClientRect();
                      if (r.width > 0 && r.right > right + 0.5) {
                        out.push((el.id || el.tagName) + ' "' + el.textContent.trim().slice(0, 30)
                          + '" ends at ' + r.right + ' > ' + right);
                      }
                    }
                    return {outside: out, count: document.querySelectorAll(arguments[1]).length,
                      scroll: box.scrollWidth - box.clientWidth};
                    """,
                    box,
                    cells);
    assertThat(((Number) result.get("count")).intValue()).as("cells %s", cells).isPositive();
    assertThat((List<String>) result.get("outside"))
        .as("%s outside %s at %d px", cells, box, width)
        .isEmpty();
    assertThat(((Number) result.get("scroll")).intValue())
        .as("%s scrolls sideways at %d px", box, width)
        .isLessThanOrEqualTo(0);
  }

  private boolean noHorizontalScroll() {
    return (Boolean)
        ((JavascriptExecutor) driver)
            .executeScript(
                "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;");
  }

  private boolean fullyShown(WebElement element) {
    return (Boolean)
        ((JavascriptExecutor) driver)
            .executeScript(
                "return arguments[0].scrollHeight <= arguments[0].clientHeight + 1"
                    + " && arguments[0].scrollWidth <= arguments[0].clientWidth + 1;",
                element);
  }

  private static byte[] hmac(String secret, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
