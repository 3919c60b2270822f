package com.verk.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.storage.DatabaseKind;
import com.verk.server.testing.CountingDataSource;
import com.verk.server.testing.PostgresServerTest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

class EventsApiPostgresTest extends PostgresServerTest implements EventsApiContract {

  @Autowired DataSource dataSource;
  @Autowired JsonMapper json;

  @Override
  public DataSource dataSource() {
    return dataSource;
  }

  @Test
  void an_event_and_its_subscribers_are_one_statement_on_postgresql() {
    Tenant tenant = newTenant("pro");
    tenant
        .api()
        .post(
            "/v1/webhooks",
            Map.of("url", "https://example.com/hook", "events", List.of("task.created")));
    CountingDataSource counting = new CountingDataSource(dataSource);
    List<List<DeliveryQueue.Subscriber>> queued = new ArrayList<>();
    EventPublisher publisher =
        new EventPublisher(
            counting.dataSource(),
            Clock.systemUTC(),
            json,
            (org, event, type, subscribers, now) -> queued.add(subscribers),
            () -> {},
            DatabaseKind.POSTGRES);
    TransactionTemplate tx =
        new TransactionTemplate(new DataSourceTransactionManager(counting.dataSource()));
    tx.executeWithoutResult(
        s -> publisher.publish(tenant.orgId(), EventType.TASK_CREATED, Map.of("id", "t1")));
    counting.reset(); // the first publish also read the organization's name

    EventPublisher.Published published =
        tx.execute(
            s -> publisher.publish(tenant.orgId(), EventType.TASK_CREATED, Map.of("id", "t2")));

    assertThat(published.pending()).isEqualTo(1);
    assertThat(queued).hasSize(2).allSatisfy(subscribers -> assertThat(subscribers).hasSize(1));
    assertThat(counting.statements())
        .as("the event insert and the subscriber query, in one round trip")
        .hasSize(1)
        .first()
        .asString()
        .startsWith("WITH written AS (INSERT INTO events");
    assertThat(
            JdbcClient.create(dataSource)
                .sql("SELECT COUNT(*) FROM events WHERE org_id = ? AND type = 'task.created'")
                .param(tenant.orgId())
                .query(Long.class)
                .single())
        .as("both events were written")
        .isEqualTo(2);
  }
}
