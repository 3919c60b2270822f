package com.verk.server.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.system.Ids;
import com.verk.server.testing.Api;
import com.verk.server.testing.ServerAccess;
import com.verk.server.testing.ServerTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What the workspace contracts need beyond HTTP: the database, to check what was written to the
 * outbox, and helpers to subscribe webhooks and upload files.
 */
interface WorkspaceAccess extends ServerAccess {

  HttpClient HTTP = HttpClient.newHttpClient();

  JdbcClient jdbc();

  /** One outbox row: the type and the parsed data. */
  record Event(String type, JsonNode data) {}

  /** Every event of the organization (order within one millisecond is not defined). */
  default List<Event> events(String orgId) {
    return jdbc()
        .sql("SELECT type, data FROM events WHERE org_id = ? ORDER BY occurred_at")
        .param(orgId)
        .query((rs, n) -> new Event(rs.getString(1), Api.JSON.readTree(rs.getString(2))))
        .list();
  }

  default List<JsonNode> events(String orgId, String type) {
    return events(orgId).stream().filter(e -> e.type().equals(type)).map(Event::data).toList();
  }

  /** The only event of {@code type}, failing when there is none or more than one. */
  default JsonNode single(String orgId, String type) {
    List<JsonNode> found = events(orgId, type);
    assertThat(found).as("events of type " + type).hasSize(1);
    return found.get(0);
  }

  default String ownerId(String orgId) {
    return jdbc()
        .sql("SELECT id FROM members WHERE org_id = ? AND role = 'owner' ORDER BY created_at")
        .param(orgId)
        .query(String.class)
        .list()
        .get(0);
  }

  /** A webhook of {@code orgId} subscribed to {@code types}, written directly to the database. */
  default String subscribe(String orgId, String... types) {
    String id = Ids.next("webhook");
    long now = System.currentTimeMillis();
    jdbc()
        .sql(
            "INSERT INTO webhooks (id, org_id, url, secret, active, created_at, updated_at)"
                + " VALUES (?, ?, 'https://receiver.invalid/hook', 'whsec_test', TRUE, ?, ?)")
        .params(id, orgId, now, now)
        .update();
    for (String type : types) {
      jdbc()
          .sql("INSERT INTO webhook_events (webhook_id, org_id, event_type) VALUES (?, ?, ?)")
          .params(id, orgId, type)
          .update();
    }
    return id;
  }

  /** The event types of the deliveries queued for a webhook. */
  default List<String> deliveries(String webhookId) {
    return jdbc()
        .sql("SELECT event_type FROM deliveries WHERE webhook_id = ? ORDER BY event_type")
        .param(webhookId)
        .query(String.class)
        .list();
  }

  default long count(String table, String orgId) {
    return jdbc()
        .sql("SELECT COUNT(*) FROM " + table + " WHERE org_id = ?")
        .param(orgId)
        .query(Long.class)
        .single();
  }

  /** A client for {@code tenant} whose key holds only {@code scopes}, inserted directly. */
  default Api keyWithScopes(ServerTest.Tenant tenant, String scopes) {
    return keyOf(tenant, ownerId(tenant.orgId()), scopes);
  }

  /** A client for {@code tenant} with a key owned by {@code memberId}, inserted directly. */
  default Api keyOf(ServerTest.Tenant tenant, String memberId, String scopes) {
    String raw = "vk_" + Ids.random(40);
    try {
      String hash =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(raw.getBytes(StandardCharsets.UTF_8)));
      jdbc()
          .sql(
              "INSERT INTO api_keys (id, org_id, member_id, name, scopes, key_hash, key_prefix,"
                  + " created_at) VALUES (?, ?, ?, 'test', ?, ?, ?, ?)")
          .params(
              Ids.next("key"),
              tenant.orgId(),
              memberId,
              scopes,
              hash,
              raw.substring(0, 7),
              System.currentTimeMillis())
          .update();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return tenant.api().withToken(raw);
  }

  /** POST /v1/files as multipart/form-data; {@code taskId} may be null. */
  default Api.Result upload(Api api, String name, String type, byte[] bytes, String taskId) {
    return upload(api, name, type, bytes, taskId, false);
  }

  /** Like {@link #upload}, optionally streamed with chunked transfer encoding (no length). */
  default Api.Result upload(
      Api api, String name, String type, byte[] bytes, String taskId, boolean chunked) {
    String boundary = "----verk" + Ids.random(16);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    write(
        body,
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + name
            + "\"\r\nContent-Type: "
            + type
            + "\r\n\r\n");
    body.writeBytes(bytes);
    write(body, "\r\n");
    if (taskId != null) {
      write(
          body,
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\"taskId\"\r\n\r\n"
              + taskId
              + "\r\n");
    }
    write(body, "--" + boundary + "--\r\n");
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(api.baseUrl() + "/v1/files"))
            .header("Authorization", "Bearer " + api.token())
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(
                chunked
                    ? HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(body.toByteArray()))
                    : HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
    return new Api.Result(response.statusCode(), response);
  }

  /** GET /v1/files/{id}/content as bytes. */
  default HttpResponse<byte[]> download(Api api, String fileId) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(api.baseUrl() + "/v1/files/" + fileId + "/content"))
            .header("Authorization", "Bearer " + api.token())
            .GET()
            .build();
    return send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
    try {
      return HTTP.send(request, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
