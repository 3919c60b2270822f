package com.verk.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

/** The README's environment variables bind to {@link VerkProperties} under their exact names. */
class OperatorContractBindingTest {

  private static VerkProperties bind(Map<String, Object> environment) {
    var source =
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment);
    Binder binder =
        new Binder(
            ConfigurationPropertySources.from(source),
            null,
            ApplicationConversionService.getSharedInstance());
    return binder.bindOrCreate("verk", VerkProperties.class);
  }

  @Test
  void every_documented_variable_binds() {
    VerkProperties p =
        bind(
            Map.ofEntries(
                Map.entry("VERK_DATA_DIR", "/srv/verk"),
                Map.entry("VERK_DATABASE_URL", "jdbc:postgresql://db:5432/verk"),
                Map.entry("VERK_DATABASE_USER", "verk"),
                Map.entry("VERK_DATABASE_PASSWORD", "pw"),
                Map.entry("VERK_BOOTSTRAP_ORG_NAME", "Globex"),
                Map.entry("VERK_BOOTSTRAP_PLAN", "pro"),
                Map.entry("VERK_BOOTSTRAP_API_KEY", "vk_given"),
                Map.entry("VERK_BOOTSTRAP_OWNER_EMAIL", "boss@globex.test"),
                Map.entry("VERK_BOOTSTRAP_OWNER_PASSWORD", "hunter22hunter22"),
                Map.entry("VERK_ADMIN_TOKEN", "operator-token-0123456789abcdefghij"),
                Map.entry("VERK_WEBHOOKS_RETRY_SCHEDULE", "1s,2s,3s"),
                Map.entry("VERK_WEBHOOKS_TIMEOUT", "2s"),
                Map.entry("VERK_WEBHOOKS_ALLOW_HTTP", "true"),
                Map.entry("VERK_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true"),
                Map.entry("VERK_WEBHOOKS_ROTATION_OVERLAP", "1h"),
                Map.entry("VERK_WEBHOOKS_MAX_IN_FLIGHT_PER_ORG", "12"),
                Map.entry("VERK_RETENTION", "7d"),
                Map.entry("VERK_NODE_ID", "node-a"),
                Map.entry("VERK_MAX_FILE_SIZE", "5MB"),
                Map.entry("VERK_SECRETS_KEY", "current-key-base64"),
                Map.entry("VERK_SECRETS_KEY_PREVIOUS", "previous-key-base64"),
                Map.entry("VERK_MAIL_FROM", "alerts@globex.test"),
                Map.entry("VERK_PUBLIC_URL", "https://verk.globex.test")));

    assertThat(p.dataDir()).isEqualTo(Path.of("/srv/verk"));
    assertThat(p.database().isPostgres()).isTrue();
    assertThat(p.database().user()).isEqualTo("verk");
    assertThat(p.database().password()).isEqualTo("pw");
    assertThat(p.bootstrap().orgName()).isEqualTo("Globex");
    assertThat(p.bootstrap().plan()).isEqualTo("pro");
    assertThat(p.bootstrap().apiKey()).isEqualTo("vk_given");
    assertThat(p.bootstrap().ownerEmail()).isEqualTo("boss@globex.test");
    assertThat(p.bootstrap().ownerPassword()).isEqualTo("hunter22hunter22");
    assertThat(p.adminToken()).isEqualTo("operator-token-0123456789abcdefghij");
    assertThat(p.webhooks().retrySchedule())
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
    assertThat(p.webhooks().timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.webhooks().allowHttp()).isTrue();
    assertThat(p.webhooks().allowPrivateTargets()).isTrue();
    assertThat(p.webhooks().rotationOverlap()).isEqualTo(Duration.ofHours(1));
    assertThat(p.webhooks().maxInFlightPerOrg()).isEqualTo(12);
    assertThat(p.retention()).isEqualTo(Duration.ofDays(7));
    assertThat(p.nodeId()).isEqualTo("node-a");
    assertThat(p.maxFileSize()).isEqualTo(DataSize.ofMegabytes(5));
    assertThat(p.secrets().key()).isEqualTo("current-key-base64");
    assertThat(p.secrets().keyPrevious()).isEqualTo("previous-key-base64");
    assertThat(p.mail().from()).isEqualTo("alerts@globex.test");
    assertThat(p.publicUrl()).isEqualTo("https://verk.globex.test");
  }

  @Test
  void an_operator_token_shorter_than_32_characters_is_refused_with_a_clear_message() {
    assertThatThrownBy(() -> bind(Map.of("VERK_ADMIN_TOKEN", "x".repeat(31))))
        .rootCause()
        .hasMessageContaining("VERK_ADMIN_TOKEN is 31 characters long")
        .hasMessageContaining("at least 32");
    assertThat(bind(Map.of("VERK_ADMIN_TOKEN", "x".repeat(32))).adminToken()).hasSize(32);
  }

  @Test
  void the_egress_settings_bind_default_to_none_and_refuse_bad_values_at_startup() {
    VerkProperties p =
        bind(
            Map.of(
                "VERK_WEBHOOKS_PROXY", "http://egress.internal:3128",
                "VERK_WEBHOOKS_EGRESS_IPS", "203.0.113.7,198.51.100.0/28"));

    assertThat(p.webhooks().proxy()).isEqualTo("http://egress.internal:3128");
    assertThat(p.webhooks().egressIps()).containsExactly("203.0.113.7", "198.51.100.0/28");
    assertThat(bind(Map.of()).webhooks().proxy()).isNull();
    assertThat(bind(Map.of()).webhooks().egressIps()).isEmpty();
    assertThatThrownBy(() -> bind(Map.of("VERK_WEBHOOKS_PROXY", "socks5://p:1080")))
        .rootCause()
        .hasMessageContaining("VERK_WEBHOOKS_PROXY");
    assertThatThrownBy(() -> bind(Map.of("VERK_WEBHOOKS_EGRESS_IPS", "203.0.113.7,nat.example")))
        .rootCause()
        .hasMessageContaining("VERK_WEBHOOKS_EGRESS_IPS")
        .hasMessageContaining("nat.example");
  }

  @Test
  void the_alert_rule_defaults_are_the_documented_ones() {
    VerkProperties.Alerts alerts = bind(Map.of()).alerts();

    assertThat(alerts.failingRetryShare()).isEqualTo(0.5);
    assertThat(alerts.failingAfter()).isEqualTo(Duration.ofHours(1));
    assertThat(alerts.failingRepeat()).isEqualTo(Duration.ofHours(24));
    assertThat(alerts.emailRetrySchedule()).hasSize(8).startsWith(Duration.ofMinutes(1));
    assertThat(alerts.emailLease()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void the_defaults_are_the_documented_ones() {
    VerkProperties p = bind(Map.of());

    assertThat(p.dataDir().normalize()).isEqualTo(Path.of("data"));
    assertThat(p.database().isPostgres()).isFalse();
    assertThat(p.bootstrap().orgName()).isEqualTo("Acme Inc");
    assertThat(p.bootstrap().plan()).isEqualTo("free");
    assertThat(p.bootstrap().apiKey()).isNull();
    assertThat(p.adminToken()).isNull();
    assertThat(p.webhooks().retrySchedule())
        .isEqualTo(
            List.of(
                Duration.ofMinutes(1),
                Duration.ofMinutes(5),
                Duration.ofMinutes(15),
                Duration.ofHours(1),
                Duration.ofHours(3),
                Duration.ofHours(6)));
    assertThat(p.webhooks().timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(p.webhooks().allowHttp()).isFalse();
    assertThat(p.webhooks().allowPrivateTargets()).isFalse();
    assertThat(p.webhooks().rotationOverlap()).isEqualTo(Duration.ofHours(24));
    assertThat(p.retention()).isEqualTo(Duration.ofDays(30));
    assertThat(p.maxFileSize()).isEqualTo(DataSize.ofMegabytes(25));
    assertThat(p.secrets().key()).isNull();
    assertThat(p.secrets().keyPrevious()).isNull();
  }
}
