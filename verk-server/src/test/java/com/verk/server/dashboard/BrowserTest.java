package com.verk.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.SqliteServerTest;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

/**
 * The real server driven by Debian's Chromium in headless mode. One browser per test class; each
 * test starts signed out. Every flow saves screenshots under {@code target/screenshots/} so that a
 * person can look at what the tests saw. Without Chromium the tests are skipped visibly, unless
 * {@code VERK_TEST_REQUIRE_BROWSER=1} makes that a failure.
 *
 * <p>The browser suite runs on its own server with a one-second retry schedule, so that a failing
 * webhook is disabled within seconds.
 */
// Tests date rows in 2024 (e.g. the log's time search); the retention purge, which first runs a
// minute after start, must not delete them while a later test of the shared server reads them.
@TestPropertySource(
    properties = {"verk.webhooks.retry-schedule=1s,1s,1s,1s,1s,1s", "verk.retention=36500d"})
abstract class BrowserTest extends SqliteServerTest {

  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final String OWNER_EMAIL = "owner@example.com";
  static final String OWNER_PASSWORD = "correct horse battery";
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final Duration WAIT = Duration.ofSeconds(15);

  private static WebDriver sharedDriver;
  private static Path profile;

  @Autowired JdbcClient jdbc;
  @Autowired PasswordEncoder passwords;

  protected WebDriver driver;

  @BeforeAll
  static void startBrowser() {
    requireBrowser();
    profile = tempDir("verk-chromium-");
    sharedDriver = newDriver(profile, false);
  }

  @AfterAll
  static void stopBrowser() {
    if (sharedDriver != null) {
      sharedDriver.quit();
      sharedDriver = null;
    }
    deleteQuietly(profile);
  }

  @BeforeEach
  void signedOut() {
    driver = sharedDriver;
    driver.manage().window().setSize(new Dimension(1280, 900));
    driver.get(baseUrl() + "/login");
    driver.manage().deleteAllCookies();
  }

  /**
   * Script errors and Content-Security-Policy violations show up in the browser's console; a page
   * that answers 4xx on purpose logs "Failed to load resource", which is expected.
   */
  @AfterEach
  void noScriptErrorsOrPolicyViolations() {
    List<String> severe =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .filter(m -> !m.contains("Failed to load resource"))
            .toList();
    assertThat(severe).as("browser console errors").isEmpty();
  }

  static void requireBrowser() {
    boolean present =
        Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
    if (!present && "1".equals(System.getenv("VERK_TEST_REQUIRE_BROWSER"))) {
      throw new AssertionError(
          "VERK_TEST_REQUIRE_BROWSER=1 but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
    }
    Assumptions.assumeTrue(
        present,
        "SKIPPED browser tests: install Debian's chromium and chromium-driver to run them");
  }

  /** A headless Chromium with a fresh profile; {@code noJavaScript} turns scripts off. */
  static WebDriver newDriver(Path userDataDir, boolean noJavaScript) {
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--user-data-dir=" + userDataDir.toAbsolutePath());
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    if (noJavaScript) {
      options.setExperimentalOption(
          "prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  // ---- page helpers ----

  void open(String path) {
    driver.get(baseUrl() + path);
  }

  void signIn(String email, String password) {
    open("/login");
    fill(By.id("email"), email);
    fill(By.id("password"), password);
    driver.findElement(By.cssSelector("form button[type=submit]")).click();
    waitFor(d -> !d.getCurrentUrl().contains("/login"));
  }

  void fill(By by, String text) {
    WebElement input = driver.findElement(by);
    input.clear();
    input.sendKeys(text);
  }

  WebElement find(By by) {
    return waitFor(d -> d.findElements(by).stream().findFirst().orElse(null));
  }

  String text(By by) {
    return find(by).getText();
  }

  String pageText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  boolean present(By by) {
    return !driver.findElements(by).isEmpty();
  }

  <T> T waitFor(Function<WebDriver, T> condition) {
    // A form post replaces the page: an element found on the old one goes stale, so look again.
    return new WebDriverWait(driver, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .until(condition::apply);
  }

  /**
   * Waits for the success message that contains {@code fragment} (not an older one still shown
   * while the next page loads) and returns its text; fails if it never appears.
   */
  String flashSuccess(String fragment) {
    return waitFor(
        d ->
            d.findElements(By.cssSelector(".flash-success")).stream()
                .map(WebElement::getText)
                .filter(t -> t.contains(fragment))
                .findFirst()
                .orElse(null));
  }

  /** Reloads the page until it shows {@code text}: for results that arrive in the background. */
  void reloadUntil(String text) {
    new WebDriverWait(driver, WAIT)
        .pollingEvery(Duration.ofMillis(300))
        .until(
            d -> {
              if (pageText().contains(text)) {
                return true;
              }
              d.navigate().refresh();
              return false;
            });
  }

  /** Saves the whole page as {@code target/screenshots/<name>.png}. */
  void screenshot(String name) {
    Dimension before = driver.manage().window().getSize();
    try {
      Files.createDirectories(SCREENSHOTS);
      // The window grows to the page's height so that one image shows the whole page.
      Number height =
          (Number)
              ((JavascriptExecutor) driver)
                  .executeScript("return document.documentElement.scrollHeight");
      int full = Math.min(4000, Math.max(before.getHeight(), height.intValue() + 140));
      driver.manage().window().setSize(new Dimension(before.getWidth(), full));
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(
          shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.manage().window().setSize(before);
    }
  }

  /** Screenshots the page at phone width too. */
  void screenshotPhone(String name) {
    Dimension before = driver.manage().window().getSize();
    driver.manage().window().setSize(new Dimension(390, 844));
    screenshot(name + "-phone");
    driver.manage().window().setSize(before);
  }

  // ---- data helpers ----

  /** An organization of its own whose owner can sign in: the e-mail and password returned. */
  Person newOwner(String plan) {
    Tenant tenant = newTenant(plan);
    String memberId =
        jdbc.sql("SELECT id FROM members WHERE org_id = ? AND role = 'owner'")
            .param(tenant.orgId())
            .query(String.class)
            .single();
    String email = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String password = "pw-" + UUID.randomUUID();
    jdbc.sql("UPDATE members SET email = ?, name = ?, password_hash = ? WHERE id = ?")
        .params(email, "Olivia Owner", passwords.encode(password), memberId)
        .update();
    return new Person(tenant, memberId, email, password);
  }

  /** Another member of {@code tenant}'s organization with {@code role} and a password. */
  Person newMember(Tenant tenant, String role) {
    String memberId = "user_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    String email = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String password = "pw-" + UUID.randomUUID();
    long now = System.currentTimeMillis();
    jdbc.sql(
            "INSERT INTO members (id, org_id, email, name, role, password_hash, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            memberId,
            tenant.orgId(),
            email,
            "Max Member",
            role,
            passwords.encode(password),
            now,
            now)
        .update();
    return new Person(tenant, memberId, email, password);
  }

  record Person(Tenant tenant, String memberId, String email, String password) {}

  static List<String> texts(List<WebElement> elements) {
    return elements.stream().map(WebElement::getText).toList();
  }

  static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException | UncheckedIOException e) {
      // A leftover temp profile is harmless.
    }
  }

  static void assertVisibleText(WebDriver driver, String text) {
    assertThat(driver.findElement(By.tagName("body")).getText()).contains(text);
  }
}
