package com.verk.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.system.Ids;
import com.verk.server.testing.Api;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The dashboard's side of failure alerts: a failing or disabled webhook stands out with what to do,
 * the organization's recent alerts (never another's) are listed, and an owner turns the emails off
 * for themselves.
 */
class AlertsBrowserTest extends BrowserTest {

  private String webhook(Api api, String url) {
    Api.Result created =
        api.post("/v1/webhooks", Map.of("url", url, "events", List.of("task.created")));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asString();
  }

  private void alert(String orgId, String webhookId, String kind, String reason, boolean open) {
    long now = clock.millis();
    jdbc.sql(
            "INSERT INTO alerts (id, org_id, webhook_id, kind, webhook_url, reason, details,"
                + " created_at) VALUES (?, ?, ?, ?, 'https://example.com/hook', ?, '{}', ?)")
        .params(Ids.next("alert"), orgId, webhookId, kind, reason, now)
        .update();
    if (open) {
      jdbc.sql(
              "INSERT INTO webhook_alert_state (webhook_id, org_id, open_alert, last_failing_at)"
                  + " VALUES (?, ?, ?, ?)")
          .params(webhookId, orgId, kind, now)
          .update();
    }
  }

  @Test
  void
      failing_and_disabled_webhooks_stand_out_and_recent_alerts_are_listed_for_this_organization() {
    Person owner = newOwner("pro");
    Api api = owner.tenant().api();
    String failing = webhook(api, "http://127.0.0.1:9/failing");
    String disabled = webhook(api, "http://127.0.0.1:9/disabled");
    webhook(api, "http://127.0.0.1:9/fine");
    assertThat(api.patch("/v1/webhooks/" + disabled, Map.of("active", false)).status())
        .isEqualTo(200);
    alert(owner.tenant().orgId(), failing, "failing", "No successful delivery for 1 hour", true);
    alert(owner.tenant().orgId(), disabled, "disabled", "Disabled after 7 attempts", true);
    Person stranger = newOwner("pro");
    String theirs = webhook(stranger.tenant().api(), "http://127.0.0.1:9/globex");
    alert(stranger.tenant().orgId(), theirs, "failing", "Globex private reason", true);

    signIn(owner.email(), owner.password());
    String failingRow = "tr[data-webhook-id='" + failing + "']";
    String disabledRow = "tr[data-webhook-id='" + disabled + "']";
    assertThat(find(By.cssSelector(failingRow)).getAttribute("class")).contains("row-failing");
    assertThat(text(By.cssSelector(failingRow + " .badge-failing"))).isEqualTo("Failing");
    assertThat(text(By.cssSelector(failingRow))).contains("open it to see why");
    assertThat(find(By.cssSelector(disabledRow)).getAttribute("class")).contains("row-disabled");
    assertThat(text(By.cssSelector(disabledRow))).contains("re-enable and recover");
    assertThat(texts(driver.findElements(By.cssSelector("#recent-alerts tbody tr"))))
        .hasSize(2)
        .anySatisfy(row -> assertThat(row).contains("No successful delivery for 1 hour"))
        .anySatisfy(row -> assertThat(row).contains("Disabled after 7 attempts"));
    assertThat(pageText()).doesNotContain("Globex private reason");
    screenshot("40-webhook-list-with-alerts");

    open("/settings/integrations/webhooks/" + failing);
    assertThat(text(By.id("failing-callout")))
        .contains("This webhook is failing")
        .contains("No successful delivery for 1 hour")
        .contains("delivery log");
  }

  @Test
  void an_owner_turns_the_alert_emails_off_and_on_for_themselves() {
    Person owner = newOwner("pro");
    signIn(owner.email(), owner.password());
    assertThat(text(By.id("alert-emails"))).contains("are on");
    find(By.id("alert-emails-toggle")).click();
    waitFor(d -> present(By.cssSelector(".flash-success")));
    assertThat(text(By.id("alert-emails"))).contains("are off");
    assertThat(
            jdbc.sql("SELECT alert_emails FROM members WHERE id = ?")
                .param(owner.memberId())
                .query(Boolean.class)
                .single())
        .isFalse();
    find(By.id("alert-emails-toggle")).click();
    waitFor(d -> text(By.id("alert-emails")).contains("are on"));
    assertThat(present(By.id("mail-not-configured"))).isTrue();
  }
}
