package com.verk.sdk.spring;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code verk.webhook.*} settings.
 *
 * @param enabled whether the starter does anything at all (default {@code true})
 * @param secrets the webhook's secret, then during a rotation the previous one (required)
 * @param paths the request paths that receive Verk webhooks, as Spring path patterns, e.g. {@code
 *     /webhooks/verk} (required)
 * @param tolerance how far {@code webhook-timestamp} may be from now (default 5 minutes)
 * @param maxBodySize the largest body read for verification (default 1MB; Verk's are far smaller)
 * @param deduplication the JDBC deduplication settings
 */
@ConfigurationProperties("verk.webhook")
public record VerkWebhookProperties(
    @DefaultValue("true") boolean enabled,
    List<String> secrets,
    List<String> paths,
    @DefaultValue("5m") Duration tolerance,
    @DefaultValue("1MB") DataSize maxBodySize,
    @DefaultValue Deduplication deduplication) {

  /**
   * Binds the settings, absent lists as empty ones.
   *
   * @param enabled {@code verk.webhook.enabled}
   * @param secrets {@code verk.webhook.secrets}
   * @param paths {@code verk.webhook.paths}
   * @param tolerance {@code verk.webhook.tolerance}
   * @param maxBodySize {@code verk.webhook.max-body-size}
   * @param deduplication {@code verk.webhook.deduplication.*}
   */
  public VerkWebhookProperties {
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    paths = paths == null ? List.of() : List.copyOf(paths);
  }

  /**
   * {@code verk.webhook.deduplication.*}: skipping deliveries already handled, by {@code
   * deliveryId}, in the application's database.
   *
   * @param enabled whether to deduplicate when the application has a {@code DataSource} (default
   *     {@code true})
   * @param table the table that remembers handled deliveries, created if missing
   * @param claimTimeout how long a delivery being handled stays claimed if the process dies
   */
  public record Deduplication(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("verk_processed_deliveries") String table,
      @DefaultValue("5m") Duration claimTimeout) {}
}
