package com.verk.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public API as a user's script calls it (Jetty's asynchronous client, keep-alive): operator
 * API to make an organization, then projects, webhooks and tasks with the organization's key.
 */
public final class VerkClient implements AutoCloseable {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http;
  private final String baseUrl;

  public VerkClient(String baseUrl) {
    this.baseUrl = baseUrl;
    QueuedThreadPool threads = new QueuedThreadPool(32, 4);
    threads.setName("api-client");
    threads.setDaemon(true);
    http = new HttpClient();
    http.setExecutor(threads);
    http.setMaxConnectionsPerDestination(256);
    http.setMaxRequestsQueuedPerDestination(200_000);
    http.setIdleTimeout(60_000);
    http.setFollowRedirects(false);
    try {
      http.start();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A response: status and parsed JSON body (null node when empty or not JSON). */
  public record Reply(int status, String body) {
    public JsonNode json() {
      try {
        return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
      } catch (RuntimeException e) {
        return JSON.nullNode();
      }
    }
  }

  /** One created task as the client saw it: the 201's arrival time and the task id. */
  public record Ack(int status, String taskId, long ackNanos, String error) {
    public boolean created() {
      return status == 201 && taskId != null;
    }
  }

  public Reply call(String method, String path, String token, Object body) {
    Request request = newRequest(method, path, token, body);
    try {
      ContentResponse r = request.send();
      return new Reply(r.getStatus(), r.getContentAsString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    }
  }

  private Request newRequest(String method, String path, String token, Object body) {
    Request request =
        http.newRequest(baseUrl + path).method(HttpMethod.fromString(method)).timeout(30, SECONDS);
    if (token != null) {
      request.headers(h -> h.put("Authorization", "Bearer " + token));
    }
    if (body != null) {
      String text = body instanceof String s ? s : JSON.writeValueAsString(body);
      request.body(new StringRequestContent("application/json", text, StandardCharsets.UTF_8));
    }
    return request;
  }

  private static final TimeUnit SECONDS = TimeUnit.SECONDS;

  private Reply expect(int status, Reply reply, String what) {
    if (reply.status() != status) {
      throw new IllegalStateException(what + ": HTTP " + reply.status() + " " + reply.body());
    }
    return reply;
  }

  /** A new enterprise organization (no webhook limit); returns its all-scopes API key. */
  public String createOrganization(String adminToken) {
    Reply r =
        call(
            "POST",
            "/admin/v1/organizations",
            adminToken,
            Map.of(
                "name",
                "Bench " + UUID.randomUUID().toString().substring(0, 8),
                "plan",
                "enterprise"));
    return expect(201, r, "create organization").json().path("apiKey").asString();
  }

  public String createProject(String key) {
    Reply r = call("POST", "/v1/projects", key, Map.of("name", "Benchmark project"));
    return expect(201, r, "create project").json().path("id").asString();
  }

  public String createWebhook(String key, String url, List<String> events) {
    Reply r =
        call(
            "POST",
            "/v1/webhooks",
            key,
            Map.of("url", url, "events", events, "description", "verk-bench"));
    return expect(201, r, "create webhook").json().path("id").asString();
  }

  public void setActive(String key, String webhookId, boolean active) {
    expect(
        200,
        call("PATCH", "/v1/webhooks/" + webhookId, key, Map.of("active", active)),
        "patch webhook");
  }

  private static String taskBody(String projectId, String title) {
    return "{\"title\":\"" + title + "\",\"projectId\":\"" + projectId + "\"}";
  }

  /** Creates a task and waits for the answer. */
  public Ack createTask(String key, String projectId, String title) {
    try {
      ContentResponse r = newRequest("POST", "/v1/tasks", key, taskBody(projectId, title)).send();
      long now = System.nanoTime();
      return ack(r.getStatus(), r.getContentAsString(), now);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Ack(0, null, System.nanoTime(), "interrupted");
    } catch (Exception e) {
      return new Ack(0, null, System.nanoTime(), e.toString());
    }
  }

  /** Creates a task without waiting; {@code done} is called with the answer. */
  public void createTaskAsync(String key, String projectId, String title, Consumer<Ack> done) {
    newRequest("POST", "/v1/tasks", key, taskBody(projectId, title))
        .send(
            new BufferingResponseListener(64 * 1024) {
              @Override
              public void onComplete(org.eclipse.jetty.client.Result result) {
                long now = System.nanoTime();
                if (result.isFailed()) {
                  done.accept(new Ack(0, null, now, String.valueOf(result.getFailure())));
                } else {
                  done.accept(ack(result.getResponse().getStatus(), getContentAsString(), now));
                }
              }
            });
  }

  private static Ack ack(int status, String body, long now) {
    if (status != 201) {
      return new Ack(status, null, now, body);
    }
    int at = body.indexOf("\"id\":\"task_");
    String id = at < 0 ? null : body.substring(at + 6, body.indexOf('"', at + 6));
    return new Ack(status, id, now, null);
  }

  HttpClient http() {
    return http;
  }

  @Override
  public void close() {
    try {
      http.stop();
    } catch (Exception e) {
      // end of run
    }
  }
}
