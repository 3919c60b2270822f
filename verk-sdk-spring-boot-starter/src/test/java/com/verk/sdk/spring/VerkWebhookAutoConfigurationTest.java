package com.verk.sdk.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.sdk.DeliveryDeduplicator;
import com.verk.sdk.InMemoryDeliveryDeduplicator;
import com.verk.sdk.JdbcDeliveryDeduplicator;
import com.verk.sdk.WebhookVerifier;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.sqlite.SQLiteDataSource;

class VerkWebhookAutoConfigurationTest {

  final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(VerkWebhookAutoConfiguration.class))
          .withPropertyValues(
              "verk.webhook.secrets=new_secret,old_secret", "verk.webhook.paths=/webhook");

  @TempDir Path dir;

  DataSource sqlite() {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + dir.resolve("app.db"));
    return dataSource;
  }

  @Test
  void without_a_datasource_the_filter_verifies_and_nothing_deduplicates() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(WebhookVerifier.class);
          assertThat(context).hasSingleBean(FilterRegistrationBean.class);
          assertThat(context).doesNotHaveBean(DeliveryDeduplicator.class);
        });
  }

  @Test
  void with_a_datasource_deliveries_are_deduplicated_in_its_database() {
    runner
        .withBean(DataSource.class, this::sqlite)
        .withPropertyValues("verk.webhook.deduplication.table=handled_webhooks")
        .run(
            context -> {
              assertThat(context).hasSingleBean(JdbcDeliveryDeduplicator.class);
              try (var c = context.getBean(DataSource.class).getConnection();
                  var s = c.createStatement()) {
                s.executeQuery("SELECT delivery_id FROM handled_webhooks").close();
              }
            });
  }

  @Test
  void deduplication_can_be_turned_off_despite_a_datasource() {
    runner
        .withBean(DataSource.class, this::sqlite)
        .withPropertyValues("verk.webhook.deduplication.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(DeliveryDeduplicator.class));
  }

  @Test
  void an_application_deduplicator_is_used_instead_of_the_jdbc_one() {
    runner
        .withBean(DataSource.class, this::sqlite)
        .withBean(DeliveryDeduplicator.class, () -> new InMemoryDeliveryDeduplicator(10))
        .run(
            context -> {
              assertThat(context).hasSingleBean(DeliveryDeduplicator.class);
              assertThat(context.getBean(DeliveryDeduplicator.class))
                  .isInstanceOf(InMemoryDeliveryDeduplicator.class);
            });
  }

  @Test
  void the_application_fails_to_start_without_a_secret() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(VerkWebhookAutoConfiguration.class))
        .withPropertyValues("verk.webhook.paths=/webhook")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("verk.webhook.secrets"));
  }

  @Test
  void the_application_fails_to_start_without_a_path() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(VerkWebhookAutoConfiguration.class))
        .withPropertyValues("verk.webhook.secrets=s")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("verk.webhook.paths"));
  }

  @Test
  void the_starter_can_be_turned_off() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(VerkWebhookAutoConfiguration.class))
        .withPropertyValues("verk.webhook.enabled=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(WebhookVerifier.class);
              assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
            });
  }
}
