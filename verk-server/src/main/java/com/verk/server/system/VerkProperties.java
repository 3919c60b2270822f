package com.verk.server.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of Verk, bound from {@code verk.*} properties or the matching {@code VERK_*}
 * environment variables (the operator contract in the README).
 */
@ConfigurationProperties("verk")
public record VerkProperties(
    @DefaultValue("./data") Path dataDir,
    @DefaultValue Database database,
    @DefaultValue Bootstrap bootstrap,
    String adminToken,
    @DefaultValue Webhooks webhooks,
    @DefaultValue("30d") Duration retention,
    String nodeId,
    @DefaultValue("25MB") DataSize maxFileSize,
    @DefaultValue Secrets secrets,
    @DefaultValue Alerts alerts,
    @DefaultValue Mail mail,
    String publicUrl) {

  /** The shortest operator token accepted: guessing it must be out of reach. */
  public static final int MIN_ADMIN_TOKEN = 32;

  public VerkProperties {
    if (adminToken != null && !adminToken.isBlank() && adminToken.length() < MIN_ADMIN_TOKEN) {
      throw new IllegalArgumentException(
          "VERK_ADMIN_TOKEN is "
              + adminToken.length()
              + " characters long; it must be at least "
              + MIN_ADMIN_TOKEN
              + " (generate one with: openssl rand -base64 32), or unset to disable the operator"
              + " API");
    }
  }

  /**
   * The key that encrypts webhook secrets at rest (base64 of 32 bytes, AES-256-GCM) and the one
   * before it while rows are re-encrypted. Unset on SQLite: a key file in the data folder.
   */
  public record Secrets(String key, String keyPrevious) {}

  /** A {@code jdbc:postgresql:} URL switches from the embedded SQLite file to PostgreSQL. */
  public record Database(
      String url, String user, String password, @DefaultValue("10") int poolSize) {

    public boolean isPostgres() {
      return url != null && url.startsWith("jdbc:postgresql:");
    }
  }

  /** What the first start on an empty database creates. */
  public record Bootstrap(
      @DefaultValue("Acme Inc") String orgName,
      @DefaultValue("free") String plan,
      String apiKey,
      String ownerEmail,
      String ownerPassword) {}

  /** Delivery behaviour. */
  public record Webhooks(
      @DefaultValue("1m,5m,15m,1h,3h,6h") List<Duration> retrySchedule,
      @DefaultValue("5s") Duration timeout,
      @DefaultValue("false") boolean allowHttp,
      @DefaultValue("false") boolean allowPrivateTargets,
      @DefaultValue("24h") Duration rotationOverlap,
      @DefaultValue("512") int maxInFlight,
      @DefaultValue("32") int maxInFlightPerWebhook,
      @DefaultValue("64") int maxInFlightPerOrg,
      @DefaultValue("200") int batchSize,
      @DefaultValue("30s") Duration lease,
      @DefaultValue("1s") Duration pollInterval,
      String proxy,
      List<String> egressIps) {

    public Webhooks {
      if (proxy != null && proxy.isBlank()) {
        proxy = null;
      }
      if (proxy != null) {
        EgressSettings.proxy(proxy);
      }
      egressIps = EgressSettings.egressIps(egressIps);
    }
  }

  /**
   * The failure alert rule and its emails (docs/alerts.md). A webhook is <em>failing</em> when it
   * has had no success since its oldest failing delivery's first attempt and either that delivery
   * has used {@code failingRetryShare} of its retries or {@code failingAfter} has passed.
   */
  public record Alerts(
      @DefaultValue("0.5") double failingRetryShare,
      @DefaultValue("1h") Duration failingAfter,
      @DefaultValue("24h") Duration failingRepeat,
      @DefaultValue("1m,5m,15m,1h,3h,6h,12h,24h") List<Duration> emailRetrySchedule,
      @DefaultValue("5s") Duration emailPollInterval,
      @DefaultValue("2m") Duration emailLease) {}

  /** The sender of alert emails ({@code VERK_MAIL_FROM}); the server is Spring's spring.mail.*. */
  public record Mail(String from) {}
}
