package com.verk.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

class MemberBrowserTest extends BrowserTest {

  @Test
  void a_member_can_look_but_finds_no_way_to_change_anything() {
    Person owner = newOwner("free");
    Person member = newMember(owner.tenant(), "member");
    signIn(member.email(), member.password());

    assertThat(pageText()).contains("you can look at everything here");
    assertThat(present(By.id("create-webhook"))).isFalse();
    open("/settings/team");
    assertThat(text(By.id("members"))).contains(owner.email()).contains(member.email());
    assertThat(driver.findElements(By.cssSelector("#members form"))).isEmpty();
    screenshot("20-member-team-read-only");
  }

  @Test
  void a_member_who_posts_anyway_gets_the_403_page_and_nothing_changes() {
    Person owner = newOwner("free");
    Person member = newMember(owner.tenant(), "member");
    signIn(member.email(), member.password());
    open("/settings/team");

    // A hand-made form with a valid CSRF token: only the role check can stop it.
    ((JavascriptExecutor) driver)
        .executeScript(
            "var f = document.createElement('form'); f.method = 'post';"
                + " f.action = '/settings/team/' + arguments[0] + '/password';"
                + " var t = document.createElement('input'); t.name = '_csrf';"
                + " t.value = document.querySelector('meta[name=csrf-token]').content;"
                + " var p = document.createElement('input'); p.name = 'password';"
                + " p.value = 'taken-over-123'; f.append(t, p); document.body.append(f); f.submit();",
            owner.memberId());
    waitFor(d -> d.getCurrentUrl().contains("/password"));
    assertThat(text(By.tagName("h1"))).isEqualTo("You can look, but not change");
    screenshot("21-member-forbidden");

    String hash =
        jdbc.sql("SELECT password_hash FROM members WHERE id = ?")
            .param(owner.memberId())
            .query(String.class)
            .single();
    assertThat(passwords.matches(owner.password(), hash)).isTrue();
  }

  @Test
  void an_owner_sets_a_password_and_the_member_can_sign_in() {
    Person owner = newOwner("free");
    Person member = newMember(owner.tenant(), "member");
    signIn(owner.email(), owner.password());
    open("/settings/team");
    By row = By.cssSelector("tr[data-member-email='" + member.email() + "']");
    find(row).findElement(By.name("password")).sendKeys("short");
    find(row).findElement(By.cssSelector("button[type=submit]")).click();
    // The browser's own minlength check may stop "short"; the server's message is the fallback.
    if (driver.getCurrentUrl().endsWith("/settings/team")
        && present(By.cssSelector(".field-error"))) {
      assertThat(text(By.cssSelector(".field-error"))).contains("at least 10");
    }
    find(row).findElement(By.name("password")).clear();
    find(row).findElement(By.name("password")).sendKeys("a much longer password");
    find(row).findElement(By.cssSelector("button[type=submit]")).click();
    assertThat(flashSuccess(member.email())).contains(member.email());
    screenshot("22-team-password-set");
    screenshotPhone("22-team-password-set");

    driver.findElement(By.cssSelector("form.signout button")).click();
    waitFor(d -> d.getCurrentUrl().contains("/login"));
    signIn(member.email(), "a much longer password");
    assertThat(driver.getCurrentUrl()).endsWith("/settings/integrations/webhooks");
  }

  @Test
  void an_owner_promotes_a_member_on_the_team_page_and_an_admin_sees_no_way_to_touch_the_owner() {
    Person owner = newOwner("free");
    Person member = newMember(owner.tenant(), "member");
    Person admin = newMember(owner.tenant(), "admin");
    signIn(owner.email(), owner.password());
    open("/settings/team");
    By row = By.cssSelector("tr[data-member-email='" + member.email() + "']");
    new Select(find(row).findElement(By.name("role"))).selectByValue("admin");
    find(row).findElement(By.cssSelector(".role-form button[type=submit]")).click();

    assertThat(flashSuccess(member.email())).contains("is now admin");
    assertThat(
            jdbc.sql("SELECT role FROM members WHERE id = ?")
                .param(member.memberId())
                .query(String.class)
                .single())
        .isEqualTo("admin");
    screenshot("23-team-role-changed");

    driver.findElement(By.cssSelector("form.signout button")).click();
    waitFor(d -> d.getCurrentUrl().contains("/login"));
    signIn(admin.email(), admin.password());
    open("/settings/team");
    By ownerRow = By.cssSelector("tr[data-member-email='" + owner.email() + "']");
    assertThat(find(ownerRow).findElements(By.cssSelector(".role-form"))).isEmpty();
    assertThat(find(ownerRow).getText()).contains("Only an owner can change this");
    By memberRow = By.cssSelector("tr[data-member-email='" + member.email() + "']");
    assertThat(
            new Select(find(memberRow).findElement(By.name("role")))
                .getOptions().stream().map(o -> o.getAttribute("value")).toList())
        .containsExactly("admin", "member");
  }

  @Test
  void a_role_change_takes_effect_on_the_next_page_without_signing_in_again() {
    Person owner = newOwner("free");
    Person admin = newMember(owner.tenant(), "admin");
    signIn(admin.email(), admin.password());
    assertThat(present(By.id("create-webhook"))).isTrue();

    jdbc.sql("UPDATE members SET role = 'member' WHERE id = ?").param(admin.memberId()).update();
    driver.navigate().refresh();
    assertThat(present(By.id("create-webhook"))).isFalse();
    assertThat(pageText()).contains("you can look at everything here");

    jdbc.sql("DELETE FROM members WHERE id = ?").param(admin.memberId()).update();
    driver.navigate().refresh();
    assertThat(driver.getCurrentUrl()).contains("/login");
  }
}
