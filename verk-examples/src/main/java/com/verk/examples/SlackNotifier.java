package com.verk.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.verk.sdk.TaskData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The spec's "Slack Notifications" use case: posts a message to a Slack incoming webhook when a
 * task is created.
 */
public final class SlackNotifier {

  /** Sends a JSON message to Slack; a test substitutes a recording implementation. */
  @FunctionalInterface
  public interface Transport {

    /**
     * Posts a JSON body.
     *
     * @param url the Slack incoming-webhook URL
     * @param json the message
     * @throws IOException if Slack cannot be reached or answers with an error
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void post(URI url, String json) throws IOException, InterruptedException;
  }

  private final URI webhookUrl;
  private final Transport transport;

  /**
   * Creates a notifier.
   *
   * @param webhookUrl the Slack incoming-webhook URL ({@code SLACK_WEBHOOK_URL})
   * @param transport how to post
   */
  public SlackNotifier(URI webhookUrl, Transport transport) {
    this.webhookUrl = webhookUrl;
    this.transport = transport;
  }

  /**
   * A transport on the JDK's HTTP client that fails on any non-2xx answer.
   *
   * @return the transport
   */
  public static Transport httpTransport() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return (url, json) -> {
      HttpRequest request =
          HttpRequest.newBuilder(url)
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json, UTF_8))
              .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IOException("Slack answered " + response.statusCode() + ": " + response.body());
      }
    };
  }

  /**
   * Posts "New task created: title" with the project, assignee and due date.
   *
   * @param task the created task
   * @throws IOException if the message could not be posted
   * @throws InterruptedException if interrupted while posting
   */
  public void handleTaskCreated(TaskData task) throws IOException, InterruptedException {
    transport.post(webhookUrl, message(task));
  }

  static String message(TaskData task) {
    // The spec colours only "high" red; "urgent" (added by the contract) is at least as pressing.
    boolean pressing = "high".equals(task.priority()) || "urgent".equals(task.priority());
    return "{\"text\":"
        + quote("New task created: " + task.title())
        + ",\"attachments\":[{\"color\":"
        + quote(pressing ? "danger" : "good")
        + ",\"fields\":["
        + field("Project", task.projectName())
        + ","
        + field("Assignee", task.assigneeName())
        + ","
        + field("Due Date", task.dueDate() == null ? null : task.dueDate().toString())
        + "]}]}";
  }

  private static String field(String title, String value) {
    return "{\"title\":" + quote(title) + ",\"value\":" + quote(value) + "}";
  }

  private static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
