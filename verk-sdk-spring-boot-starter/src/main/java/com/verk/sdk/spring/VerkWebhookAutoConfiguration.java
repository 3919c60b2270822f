package com.verk.sdk.spring;

import com.verk.sdk.DeliveryDeduplicator;
import com.verk.sdk.JdbcDeliveryDeduplicator;
import com.verk.sdk.WebhookVerifier;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Receives Verk webhooks in a Spring MVC application: a filter verifies the requests to {@code
 * verk.webhook.paths} with {@code verk.webhook.secrets}, {@code @VerkWebhook WebhookEvent}
 * parameters receive the event, and with a {@code DataSource} deliveries are deduplicated in a
 * table of that database.
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({WebhookVerifier.class, WebMvcConfigurer.class})
@ConditionalOnProperty(prefix = "verk.webhook", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(VerkWebhookProperties.class)
public class VerkWebhookAutoConfiguration {

  /** Runs before Spring Security's filters (order -100), so a forgery is refused first. */
  public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

  /** Creates the auto-configuration (Spring calls this). */
  public VerkWebhookAutoConfiguration() {}

  /**
   * The verifier of the configured secrets; define your own {@link WebhookVerifier} bean to
   * override it (e.g. with a test clock).
   *
   * @param properties the settings
   * @return the verifier
   */
  @Bean
  @ConditionalOnMissingBean
  public WebhookVerifier verkWebhookVerifier(VerkWebhookProperties properties) {
    List<String> secrets = properties.secrets();
    if (secrets.isEmpty() || secrets.stream().anyMatch(s -> s == null || s.isBlank())) {
      throw new IllegalStateException(
          "verk.webhook.secrets must hold the webhook's secret (and, during a rotation, the"
              + " previous one); set verk.webhook.enabled=false to turn the starter off");
    }
    return WebhookVerifier.builder()
        .secrets(secrets)
        .tolerance(properties.tolerance())
        .clock(Clock.systemUTC())
        .build();
  }

  /**
   * The verifying filter on the configured paths.
   *
   * @param verifier the verifier
   * @param properties the settings
   * @param deduplicator the deduplicator, if the application has one
   * @return the filter's registration
   */
  @Bean
  public FilterRegistrationBean<VerkWebhookFilter> verkWebhookFilter(
      WebhookVerifier verifier,
      VerkWebhookProperties properties,
      ObjectProvider<DeliveryDeduplicator> deduplicator) {
    if (properties.paths().isEmpty()) {
      throw new IllegalStateException(
          "verk.webhook.paths must name the path(s) that receive Verk webhooks, e.g."
              + " verk.webhook.paths=/webhooks/verk");
    }
    VerkWebhookFilter filter =
        new VerkWebhookFilter(
            verifier,
            properties.paths(),
            deduplicator.getIfUnique(),
            properties.maxBodySize().toBytes());
    FilterRegistrationBean<VerkWebhookFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setName("verkWebhookFilter");
    registration.setOrder(FILTER_ORDER);
    return registration;
  }

  /**
   * Adds the {@code @VerkWebhook} argument resolver to Spring MVC.
   *
   * @return the MVC configurer
   */
  @Bean
  public WebMvcConfigurer verkWebhookArgumentResolverConfigurer() {
    return new WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new VerkWebhookArgumentResolver());
      }
    };
  }

  /** Deduplication in the application's database, when it has one. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(DataSource.class)
  @ConditionalOnProperty(
      prefix = "verk.webhook.deduplication",
      name = "enabled",
      matchIfMissing = true)
  public static class JdbcDeduplication {

    /** Creates the configuration (Spring calls this). */
    public JdbcDeduplication() {}

    /**
     * A {@link JdbcDeliveryDeduplicator} on the application's {@code DataSource}, unless the
     * application defines its own {@link DeliveryDeduplicator}.
     *
     * @param dataSource the application's database
     * @param properties the settings
     * @return the deduplicator (its table is created if missing)
     */
    @Bean
    @ConditionalOnMissingBean(DeliveryDeduplicator.class)
    public JdbcDeliveryDeduplicator verkDeliveryDeduplicator(
        DataSource dataSource, VerkWebhookProperties properties) {
      VerkWebhookProperties.Deduplication d = properties.deduplication();
      return new JdbcDeliveryDeduplicator(
          dataSource, d.table(), d.claimTimeout(), Clock.systemUTC());
    }
  }
}
