package com.verk.server.reliability;

import static com.verk.server.testing.FaultyDataSource.containing;
import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.FaultyDataSource;
import com.verk.server.testing.Receiver;
import com.verk.server.testing.ServerTest.Tenant;
import com.verk.server.testing.SqliteServerTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The disk fails under SQLite while a task is created: the API answers a 503 problem, writes
 * nothing of that request, and keeps everything it had acknowledged, which is delivered.
 */
@Import(SqliteWriteFailureTest.FailingDisk.class)
class SqliteWriteFailureTest extends SqliteServerTest {

  @TestConfiguration
  static class FailingDisk {
    static final FaultyDataSource[] faults = new FaultyDataSource[1];

    @Bean
    static BeanPostProcessor failingApiPool() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          if (name.equals("dataSource") && bean instanceof DataSource ds) {
            faults[0] = new FaultyDataSource(ds);
            return faults[0];
          }
          return bean;
        }
      };
    }
  }

  @Autowired DataSource dataSource;

  @Test
  void an_io_error_on_a_write_is_a_503_that_writes_nothing_and_loses_nothing_acknowledged() {
    assertThat(dataSource).isInstanceOf(FaultyDataSource.class);
    FaultyDataSource faults = (FaultyDataSource) dataSource;
    Tenant t = newTenant("pro");
    try (Receiver receiver = new Receiver()) {
      t.api()
          .post(
              "/v1/webhooks",
              Map.of("url", receiver.url("/hook"), "events", List.of("task.created")));
      String project =
          t.api().post("/v1/projects", Map.of("name", "P")).json().path("id").asString();
      String before =
          t.api()
              .post("/v1/tasks", Map.of("title", "before", "projectId", project))
              .json()
              .path("id")
              .asString();
      faults.failNext(
          containing("INSERT INTO tasks"),
          1,
          () -> new SQLiteException("[SQLITE_IOERR] disk I/O error", SQLiteErrorCode.SQLITE_IOERR));

      Api.Result failed = t.api().post("/v1/tasks", Map.of("title", "lost", "projectId", project));

      assertThat(failed.status()).isEqualTo(503);
      assertThat(failed.code()).isEqualTo("service_unavailable");
      assertThat(failed.header("Retry-After")).isEqualTo("5");
      String after =
          t.api()
              .post("/v1/tasks", Map.of("title", "after", "projectId", project))
              .json()
              .path("id")
              .asString();
      List<String> titles = new java.util.ArrayList<>();
      t.api()
          .get("/v1/tasks?projectId=" + project)
          .json()
          .path("data")
          .forEach(n -> titles.add(n.path("title").asString()));
      assertThat(titles).containsExactlyInAnyOrder("before", "after");
      List<String> delivered =
          List.of(receiver.take(Duration.ofSeconds(20)), receiver.take(Duration.ofSeconds(20)))
              .stream()
              .map(r -> Api.JSON.readTree(r.bodyText()).path("data").path("id").asString())
              .toList();
      assertThat(delivered).containsExactlyInAnyOrder(before, after);
    }
  }
}
