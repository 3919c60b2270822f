package com.verk.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.ServerAccess;
import com.verk.server.testing.ServerTest.Tenant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Input that one database would store and the other refuses (NUL, unpaired surrogates), and times
 * out of range: a 400 naming the field on both databases, and nothing written.
 */
interface InputLimitsContract extends ServerAccess {

  JdbcClient jdbc();

  List<String> TABLES =
      List.of("members", "api_keys", "webhooks", "webhook_events", "projects", "tasks", "files");

  private Map<String, Long> counts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, jdbc().sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
    }
    return counts;
  }

  private static void refused(Api.Result r, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.code()).isEqualTo("validation_failed");
    assertThat(r.json().path("errors").path(0).path("field").asString()).isEqualTo(field);
  }

  @Test
  default void a_nul_or_an_unpaired_surrogate_in_any_json_field_is_a_400_naming_it() {
    Tenant t = newTenant("enterprise");
    Api api = t.api();
    String project = api.post("/v1/projects", Map.of("name", "P")).json().path("id").asString();
    String task =
        api.post("/v1/tasks", Map.of("title", "T", "projectId", project))
            .json()
            .path("id")
            .asString();
    Map<String, Long> before = counts();

    for (String bad : List.of("a\\u0000b", "\\u0000", "a\\ud800b", "\\udc00", "x\\ud83d")) {
      String text = "\"" + bad + "\"";
      refused(
          api.send("POST", "/v1/projects", "{\"name\":" + text + "}", "application/json"), "name");
      refused(
          api.send(
              "POST",
              "/v1/tasks",
              "{\"title\":\"T\",\"projectId\":\"" + project + "\",\"description\":" + text + "}",
              "application/json"),
          "description");
      refused(
          api.send("PATCH", "/v1/tasks/" + task, "{\"title\":" + text + "}", "application/json"),
          "title");
      refused(
          api.send(
              "POST",
              "/v1/webhooks",
              "{\"url\":\"https://example.com/h\",\"events\":[\"task.created\"],\"description\":"
                  + text
                  + "}",
              "application/json"),
          "description");
      refused(
          api.send(
              "POST",
              "/v1/webhooks",
              "{\"url\":\"https://example.com/h\",\"events\":[\"task.created\"," + text + "]}",
              "application/json"),
          "events[1]");
      refused(
          api.send(
              "POST",
              "/v1/members",
              "{\"email\":\"a@example.com\",\"name\":" + text + ",\"role\":\"member\"}",
              "application/json"),
          "name");
      refused(
          api.send(
              "POST",
              "/v1/api-keys",
              "{\"name\":" + text + ",\"scopes\":[\"webhooks:read\"]}",
              "application/json"),
          "name");
    }
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  default void a_nul_or_an_unpaired_surrogate_in_a_query_parameter_is_a_400_naming_it() {
    Api api = newTenant("free").api();

    refused(api.get("/v1/tasks?projectId=a%00b"), "projectId");
    refused(api.get("/v1/tasks?projectId=%00"), "projectId");
    refused(api.get("/v1/webhooks?cursor=x%00"), "cursor");
    assertThat(api.get("/v1/tasks?projectId=proj_unknown").status()).isLessThan(500);
  }

  @Test
  default void a_nul_in_an_uploaded_file_name_is_a_400_naming_it() throws Exception {
    Tenant t = newTenant("free");
    Map<String, Long> before = counts();
    String boundary = "----verk-boundary";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\u0000b.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\nhello\r\n--"
            + boundary
            + "--\r\n";
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/files"))
                    .header("Authorization", "Bearer " + t.api().token())
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("\"field\":\"file\"");
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  default void times_and_dates_out_of_range_are_a_400_naming_the_field() {
    Api api = newTenant("free").api();
    String webhook =
        api.post(
                "/v1/webhooks",
                Map.of("url", "https://example.com/h", "events", List.of("task.created")))
            .json()
            .path("id")
            .asString();
    String project = api.post("/v1/projects", Map.of("name", "P")).json().path("id").asString();

    refused(
        api.post(
            "/v1/webhooks/" + webhook + "/recover", Map.of("since", "+999999999-12-31T23:59:59Z")),
        "since");
    refused(
        api.post(
            "/v1/webhooks/" + webhook + "/recover", Map.of("since", "-999999999-01-01T00:00:00Z")),
        "since");
    refused(
        api.post("/v1/webhooks/" + webhook + "/recover", Map.of("since", "1969-12-31T23:59:59Z")),
        "since");
    refused(
        api.post(
            "/v1/tasks", Map.of("title", "T", "projectId", project, "dueDate", "+10000-01-01")),
        "dueDate");
    assertThat(
            api.post(
                    "/v1/webhooks/" + webhook + "/recover", Map.of("since", "2024-01-15T10:30:00Z"))
                .status())
        .isEqualTo(202);
  }
}
