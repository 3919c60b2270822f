package com.verk.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.SqliteServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every list pages through the one helper, so a wrong cursor or limit reads the same everywhere.
 */
class ListsAnswerAlikeTest extends SqliteServerTest {

  @Test
  void a_foreign_cursor_and_an_out_of_range_limit_get_the_same_problem_from_every_list() {
    Api api = newTenant("pro").api();
    String hook =
        api.post(
                "/v1/webhooks",
                Map.of("url", "https://example.com/hook", "events", List.of("task.created")))
            .json()
            .path("id")
            .asString();
    List<String> lists =
        List.of(
            "/v1/webhooks",
            "/v1/webhooks/" + hook + "/deliveries",
            "/v1/api-keys",
            "/v1/projects",
            "/v1/tasks",
            "/v1/members",
            "/v1/events");

    for (String list : lists) {
      Api.Result badCursor = api.get(list + "?cursor=bm8tc2VwYXJhdG9y");
      Api.Result badLimit = api.get(list + "?limit=101");

      assertThat(badCursor.status()).as(list).isEqualTo(400);
      assertThat(errors(badCursor))
          .as(list)
          .isEqualTo(
              List.of(Map.of("field", "cursor", "message", "is not a cursor this API returned")));
      assertThat(badLimit.status()).as(list).isEqualTo(400);
      assertThat(errors(badLimit))
          .as(list)
          .isEqualTo(List.of(Map.of("field", "limit", "message", "must be between 1 and 100")));
    }
  }

  @Test
  void pages_of_the_delivery_log_and_of_webhooks_have_the_same_shape() {
    Api api = newTenant("pro").api();
    String hook =
        api.post(
                "/v1/webhooks",
                Map.of("url", "https://example.com/hook", "events", List.of("task.created")))
            .json()
            .path("id")
            .asString();

    for (String list : List.of("/v1/webhooks?limit=1", "/v1/webhooks/" + hook + "/deliveries")) {
      JsonNode page = api.get(list).json();
      assertThat(page.propertyNames()).as(list).containsExactlyInAnyOrder("data", "nextCursor");
      assertThat(page.path("data").isArray()).as(list).isTrue();
    }
  }

  private static List<Map<String, String>> errors(Api.Result result) {
    return result
        .json()
        .path("errors")
        .valueStream()
        .map(
            e ->
                Map.of(
                    "field", e.path("field").asString(), "message", e.path("message").asString()))
        .toList();
  }
}
