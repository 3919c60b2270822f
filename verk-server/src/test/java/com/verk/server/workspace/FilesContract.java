package com.verk.server.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.ServerTest.Tenant;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** File uploads, downloads and their events, on both databases. */
interface FilesContract extends WorkspaceAccess {

  @Test
  default void an_uploaded_file_round_trips_byte_for_byte_and_emits_file_uploaded() {
    Tenant t = newTenant("free");
    String project = t.api().post("/v1/projects", Map.of("name", "P")).json().path("id").asString();
    String task =
        t.api()
            .post("/v1/tasks", Map.of("title", "T", "projectId", project))
            .json()
            .path("id")
            .asString();
    byte[] bytes = new byte[300_000];
    new Random(7).nextBytes(bytes);

    Api.Result uploaded = upload(t.api(), "mock up.png", "image/png", bytes, task);

    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
    JsonNode file = uploaded.json();
    assertThat(file.path("id").asString()).startsWith("file_");
    assertThat(file.path("name").asString()).isEqualTo("mock up.png");
    assertThat(file.path("size").asLong()).isEqualTo(bytes.length);
    assertThat(file.path("contentType").asString()).isEqualTo("image/png");
    assertThat(file.path("taskId").asString()).isEqualTo(task);
    assertThat(file.path("uploaderId").asString()).isEqualTo(ownerId(t.orgId()));
    assertThat(single(t.orgId(), "file.uploaded")).isEqualTo(file);
    assertThat(t.api().get("/v1/files/" + file.path("id").asString()).json()).isEqualTo(file);
    HttpResponse<byte[]> content = download(t.api(), file.path("id").asString());
    assertThat(content.statusCode()).isEqualTo(200);
    assertThat(content.body()).isEqualTo(bytes);
    assertThat(content.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(content.headers().firstValue("Content-Disposition").orElse(""))
        .startsWith("attachment")
        .contains("mock");
  }

  @Test
  default void a_file_without_a_task_is_allowed_and_an_unknown_task_is_refused_without_a_trace() {
    Tenant t = newTenant("free");
    Tenant other = newTenant("free");
    String project =
        other.api().post("/v1/projects", Map.of("name", "P")).json().path("id").asString();
    String foreignTask =
        other
            .api()
            .post("/v1/tasks", Map.of("title", "T", "projectId", project))
            .json()
            .path("id")
            .asString();

    Api.Result loose = upload(t.api(), "notes.txt", "text/plain", "hello".getBytes(), null);
    Api.Result refused = upload(t.api(), "x.txt", "text/plain", "x".getBytes(), foreignTask);

    assertThat(loose.status()).isEqualTo(201);
    assertThat(loose.json().path("taskId").isNull()).isTrue();
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("errors").path(0).path("field").asString()).isEqualTo("taskId");
    assertThat(count("files", t.orgId())).isEqualTo(1);
    assertThat(events(t.orgId(), "file.uploaded")).hasSize(1);
  }

  @Test
  default void an_upload_past_the_size_limit_is_answered_413_and_stores_nothing() {
    Tenant t = newTenant("free");
    byte[] tooBig = new byte[25 * 1024 * 1024 + 1];

    Api.Result refused = upload(t.api(), "big.bin", "application/octet-stream", tooBig, null);
    Api.Result streamed =
        upload(t.api(), "big.bin", "application/octet-stream", tooBig, null, true);

    for (Api.Result r : new Api.Result[] {refused, streamed}) {
      assertThat(r.status()).as(r.body()).isEqualTo(413);
      assertThat(r.code()).isEqualTo("payload_too_large");
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }
    assertThat(count("files", t.orgId())).isZero();
    assertThat(events(t.orgId())).isEmpty();
  }

  @Test
  default void a_file_of_exactly_the_size_limit_is_accepted() {
    Tenant t = newTenant("free");
    byte[] limit = new byte[25 * 1024 * 1024];
    limit[limit.length - 1] = 42;

    Api.Result uploaded = upload(t.api(), "big.bin", "application/octet-stream", limit, null);

    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
    assertThat(uploaded.json().path("size").asLong()).isEqualTo(limit.length);
    assertThat(download(t.api(), uploaded.json().path("id").asString()).body()).isEqualTo(limit);
  }

  @Test
  default void deleting_a_file_emits_file_deleted_and_its_content_is_gone() {
    Tenant t = newTenant("free");
    Tenant other = newTenant("free");
    String id =
        upload(t.api(), "a.txt", "text/plain", "abc".getBytes(), null).json().path("id").asString();

    assertThat(other.api().get("/v1/files/" + id).status()).isEqualTo(404);
    assertThat(download(other.api(), id).statusCode()).isEqualTo(404);
    assertThat(other.api().delete("/v1/files/" + id).status()).isEqualTo(404);
    Api.Result deleted = t.api().delete("/v1/files/" + id);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(download(t.api(), id).statusCode()).isEqualTo(404);
    JsonNode data = single(t.orgId(), "file.deleted");
    assertThat(data.path("id").asString()).isEqualTo(id);
    assertThat(data.path("name").asString()).isEqualTo("a.txt");
    assertThat(data.path("deletedAt").asString()).endsWith("Z");
  }

  @Test
  default void an_upload_without_a_file_part_is_refused() {
    Tenant t = newTenant("free");

    Api.Result refused =
        t.api().send("POST", "/v1/files", "--b--\r\n", "multipart/form-data; boundary=b");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("errors").path(0).path("field").asString()).isEqualTo("file");
    assertThat(count("files", t.orgId())).isZero();
  }
}
