package com.verk.sdk;

import java.util.Arrays;
import java.util.List;

/**
 * What {@link VerkClient#createWebhook} sends.
 *
 * <pre>{@code
 * client.createWebhook(NewWebhook.of("https://example.com/webhook", EventType.TASK_CREATED)
 *     .withDescription("Slack bridge"));
 * }</pre>
 *
 * @param url the HTTPS endpoint
 * @param events the event names to subscribe to
 * @param secret your own signing secret, or {@code null} to let Verk generate one
 * @param description optional notes, or {@code null}
 */
public record NewWebhook(String url, List<String> events, String secret, String description) {

  /**
   * Starts a request for a URL and event types.
   *
   * @param url the HTTPS endpoint
   * @param events at least one event type
   * @return the request, with no secret and no description
   */
  public static NewWebhook of(String url, EventType... events) {
    return new NewWebhook(url, Arrays.stream(events).map(EventType::wireName).toList(), null, null);
  }

  /**
   * Returns a copy with your own signing secret.
   *
   * @param secret the secret
   * @return the new request
   */
  public NewWebhook withSecret(String secret) {
    return new NewWebhook(url, events, secret, description);
  }

  /**
   * Returns a copy with a description.
   *
   * @param description the notes
   * @return the new request
   */
  public NewWebhook withDescription(String description) {
    return new NewWebhook(url, events, secret, description);
  }

  /**
   * Hides the secret, so that logging this value does not leak it.
   *
   * @return a description without the secret
   */
  @Override
  public String toString() {
    return "NewWebhook[url="
        + url
        + ", events="
        + events
        + ", secret="
        + (secret == null ? null : "***")
        + ", description="
        + description
        + "]";
  }
}
