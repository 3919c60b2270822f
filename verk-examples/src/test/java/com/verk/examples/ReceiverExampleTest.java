package com.verk.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.verk.sdk.InMemoryDeliveryDeduplicator;
import com.verk.sdk.WebhookSigner;
import com.verk.sdk.WebhookVerifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReceiverExampleTest {

  static final String SECRET = "your_webhook_secret_12345";
  static final URI SLACK = URI.create("https://hooks.slack.example/T000/B000/XXX");

  final BlockingQueue<String> slackMessages = new LinkedBlockingQueue<>();
  final HttpClient http = HttpClient.newHttpClient();
  ReceiverExample receiver;

  @BeforeEach
  void start() throws Exception {
    SlackNotifier slack =
        new SlackNotifier(
            SLACK,
            (url, json) -> {
              assertThat(url).isEqualTo(SLACK);
              slackMessages.add(json);
            });
    receiver =
        ReceiverExample.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            WebhookVerifier.of(SECRET),
            new InMemoryDeliveryDeduplicator(1000),
            slack);
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  static String taskCreated(String deliveryId, String title) {
    return "{\"event\":\"task.created\",\"timestamp\":\"2024-01-15T10:30:00Z\","
        + "\"webhookId\":\"webhook_1\",\"deliveryId\":\""
        + deliveryId
        + "\",\"data\":{\"id\":\"task_1\",\"title\":\""
        + title
        + "\",\"status\":\"todo\",\"priority\":\"high\",\"projectId\":\"proj_456\","
        + "\"projectName\":\"Website\",\"assigneeId\":null,\"assigneeName\":null,"
        + "\"creatorId\":\"user_789\",\"dueDate\":\"2024-02-01\","
        + "\"createdAt\":\"2024-01-15T10:30:00Z\"},"
        + "\"organization\":{\"id\":\"org_789\",\"name\":\"Acme Inc\"}}";
  }

  /** A request exactly as Verk sends it, signed now by the SDK's {@link WebhookSigner}. */
  static HttpRequest signed(int port, String body, String secret) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook"))
            .POST(HttpRequest.BodyPublishers.ofString(body, UTF_8));
    WebhookSigner.of(secret).headers(body, Instant.now()).forEach(request::header);
    return request.build();
  }

  int post(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  String nextSlackMessage() throws InterruptedException {
    String message = slackMessages.poll(10, TimeUnit.SECONDS);
    assertThat(message).as("a Slack message within 10 s").isNotNull();
    return message;
  }

  @Test
  void a_correctly_signed_task_created_is_acknowledged_and_announced_in_slack() throws Exception {
    assertThat(post(signed(receiver.port(), taskCreated("delivery_1", "Ship it"), SECRET)))
        .isEqualTo(200);
    assertThat(nextSlackMessage())
        .isEqualTo(
            "{\"text\":\"New task created: Ship it\",\"attachments\":[{\"color\":\"danger\","
                + "\"fields\":[{\"title\":\"Project\",\"value\":\"Website\"},"
                + "{\"title\":\"Assignee\",\"value\":null},"
                + "{\"title\":\"Due Date\",\"value\":\"2024-02-01\"}]}]}");
  }

  @Test
  void a_request_signed_with_another_secret_is_rejected_with_401_and_not_processed()
      throws Exception {
    assertThat(post(signed(receiver.port(), taskCreated("delivery_1", "Forged"), "wrong_secret")))
        .isEqualTo(401);
    assertThat(post(signed(receiver.port(), taskCreated("delivery_2", "Real"), SECRET)))
        .isEqualTo(200);
    // Processing is sequential, so had the forged one been processed it would come first.
    assertThat(nextSlackMessage()).contains("New task created: Real");
    assertThat(slackMessages).isEmpty();
  }

  @Test
  void an_unsigned_request_and_a_tampered_body_are_rejected_with_401() throws Exception {
    String body = taskCreated("delivery_1", "Ship it");
    HttpRequest unsigned =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/webhook"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    assertThat(post(unsigned)).isEqualTo(401);
    HttpRequest valid = signed(receiver.port(), body, SECRET);
    HttpRequest tampered =
        HttpRequest.newBuilder(valid, (name, value) -> true)
            .POST(HttpRequest.BodyPublishers.ofString(body.replace("Ship it", "Ship it!")))
            .build();
    assertThat(post(tampered)).isEqualTo(401);
  }

  @Test
  void a_duplicate_delivery_is_acknowledged_but_processed_once() throws Exception {
    HttpRequest first = signed(receiver.port(), taskCreated("delivery_1", "Once"), SECRET);
    assertThat(post(first)).isEqualTo(200);
    assertThat(post(signed(receiver.port(), taskCreated("delivery_1", "Once"), SECRET)))
        .isEqualTo(200);
    assertThat(post(signed(receiver.port(), taskCreated("delivery_2", "Next"), SECRET)))
        .isEqualTo(200);
    List<String> messages = new ArrayList<>();
    messages.add(nextSlackMessage());
    messages.add(nextSlackMessage());
    assertThat(messages)
        .satisfiesExactly(
            m -> assertThat(m).contains("New task created: Once"),
            m -> assertThat(m).contains("New task created: Next"));
    assertThat(slackMessages).isEmpty();
  }

  @Test
  void other_methods_are_not_allowed() throws Exception {
    HttpRequest get =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/webhook"))
            .GET()
            .build();
    assertThat(post(get)).isEqualTo(405);
  }
}
