package com.verk.server.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.verk.sdk.EventType;
import com.verk.sdk.TaskData;
import com.verk.sdk.WebhookEvent;
import com.verk.sdk.WebhookVerificationException;
import com.verk.sdk.WebhookVerifier;
import com.verk.server.testing.Api;
import com.verk.server.testing.Receiver;
import com.verk.server.testing.SqliteServerTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK, as a consumer would use it, verifies and parses what the running server really sends:
 * the spec's example secret, and every stage of a secret rotation.
 */
class SdkVerifiesRealDeliveriesTest extends SqliteServerTest {

  private static final String SPEC_SECRET = "your_webhook_secret_12345";

  private final Receiver receiver = new Receiver();
  private Api api;
  private String webhookId;
  private String projectId;
  private String orgId;

  @BeforeEach
  void webhook() {
    Tenant tenant = newTenant("pro");
    api = tenant.api();
    orgId = tenant.orgId();
    Api.Result created =
        api.post(
            "/v1/webhooks",
            Map.of(
                "url", receiver.url("/webhook"),
                "events", List.of("task.created"),
                "secret", SPEC_SECRET));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    webhookId = created.json().path("id").asString();
    projectId = api.post("/v1/projects", Map.of("name", "Website")).json().path("id").asString();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void the_sdk_verifies_and_parses_a_real_task_created_delivery() throws Exception {
    String taskId = createTask("Implement login feature");

    Receiver.Request request = receiver.take(Duration.ofSeconds(15));
    WebhookEvent event = verifier(SPEC_SECRET).verifyAndParse(request.body(), request.headers());

    assertThat(event.is(EventType.TASK_CREATED)).isTrue();
    assertThat(event.webhookId()).isEqualTo(webhookId);
    assertThat(event.deliveryId()).isEqualTo(request.header("X-Verk-Delivery"));
    assertThat(event.organization().id()).isEqualTo(orgId);
    TaskData task = event.data(TaskData.class);
    assertThat(task.id()).isEqualTo(taskId);
    assertThat(task.title()).isEqualTo("Implement login feature");
    assertThat(task.projectName()).isEqualTo("Website");
  }

  @Test
  void consumers_with_either_secret_keep_verifying_during_a_rotation_overlap() throws Exception {
    String rotated = rotate(3600);
    createTask("After rotation");
    Receiver.Request request = receiver.take(Duration.ofSeconds(15));

    verifier(rotated).verify(request.body(), request.headers());
    verifier(SPEC_SECRET).verify(request.body(), request.headers());
    verifier(rotated, SPEC_SECRET).verify(request.body(), request.headers());
    assertThat(request.header("X-Verk-Signature-Previous")).startsWith("sha256=");
    assertThat(request.header("webhook-signature").split(" ")).hasSize(2);
  }

  @Test
  void the_old_secret_stops_verifying_once_a_rotation_has_no_overlap_left() throws Exception {
    String rotated = rotate(0);
    createTask("No overlap");
    Receiver.Request request = receiver.take(Duration.ofSeconds(15));

    verifier(rotated).verify(request.body(), request.headers());
    assertThat(request.header("X-Verk-Signature-Previous")).isNull();
    assertThatThrownBy(() -> verifier(SPEC_SECRET).verify(request.body(), request.headers()))
        .isInstanceOf(WebhookVerificationException.class)
        .extracting(e -> ((WebhookVerificationException) e).reason())
        .isEqualTo(WebhookVerificationException.Reason.MISMATCH);
  }

  private WebhookVerifier verifier(String... secrets) {
    // The server under test runs on a settable clock; the receiver judges freshness by it too.
    return WebhookVerifier.builder().secrets(List.of(secrets)).clock(clock).build();
  }

  private String rotate(int overlapSeconds) {
    Api.Result rotated =
        api.post(
            "/v1/webhooks/" + webhookId + "/rotate-secret",
            Map.of("overlapSeconds", overlapSeconds));
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    String secret = rotated.json().path("secret").asString();
    assertThat(secret).isNotBlank().isNotEqualTo(SPEC_SECRET);
    return secret;
  }

  private String createTask(String title) {
    Api.Result task = api.post("/v1/tasks", Map.of("title", title, "projectId", projectId));
    assertThat(task.status()).as(task.body()).isEqualTo(201);
    return task.json().path("id").asString();
  }
}
