package com.verk.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

class ApiKeysBrowserTest extends BrowserTest {

  @Test
  void an_owner_creates_a_scoped_key_uses_it_and_revokes_it() {
    Person owner = newOwner("free");
    signIn(owner.email(), owner.password());
    open("/settings/api-keys");
    fill(By.id("key-name"), "CI deploy");
    find(By.cssSelector("input[name='scopes'][value='webhooks:read']")).click();
    screenshot("30-api-keys");
    find(By.id("create-key-button")).click();

    waitFor(d -> present(By.id("new-key")));
    String key = text(By.id("key-value"));
    assertThat(key).startsWith("vk_").hasSize(43);
    screenshot("31-api-key-created-once");
    screenshotPhone("31-api-key-created-once");
    Api withKey = new Api(baseUrl(), key);
    assertThat(withKey.get("/v1/webhooks").status()).isEqualTo(200);
    assertThat(withKey.post("/v1/webhooks", java.util.Map.of()).status())
        .as("webhooks:read cannot write")
        .isEqualTo(403);

    WebElement row = find(By.cssSelector("tr[data-key-name='CI deploy']"));
    assertThat(row.getText()).contains("webhooks:read").contains(key.substring(0, 7));
    row.findElement(By.tagName("summary")).click();
    row.findElement(By.cssSelector("form button")).click();
    assertThat(flashSuccess("revoked")).contains("revoked");
    assertThat(present(By.cssSelector("tr[data-key-name='CI deploy']"))).isFalse();
    assertThat(pageText()).doesNotContain(key);
    assertThat(withKey.get("/v1/webhooks").status()).isEqualTo(401);
  }

  @Test
  void a_key_without_name_or_scopes_is_explained() {
    Person owner = newOwner("free");
    signIn(owner.email(), owner.password());
    open("/settings/api-keys");
    find(By.id("create-key-button")).click();
    waitFor(d -> present(By.cssSelector(".field-error")));
    assertThat(text(By.cssSelector(".field-error"))).contains("at least one scope");
    assertThat(present(By.id("new-key"))).isFalse();
  }
}
