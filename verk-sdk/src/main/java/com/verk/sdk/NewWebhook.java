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
 * @param rateLimit at most this many delivery attempts per second (1 to 10000), or {@code null} for
 *     no limit
 */
public record NewWebhook(
    String url, List<String> events, String secret, String description, Integer rateLimit) {

  /**
   * A request without rate limit.
   *
   * @param url the HTTPS endpoint
   * @param events the event names
   * @param secret your own secret, or {@code null}
   * @param description optional notes, or {@code null}
   */
  public NewWebhook(String url, List<String> events, String secret, String description) {
    this(url, events, secret, description, null);
  }

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
    return new NewWebhook(url, events, secret, description, rateLimit);
  }

  /**
   * Returns a copy with a description.
   *
   * @param description the notes
   * @return the new request
   */
  public NewWebhook withDescription(String description) {
    return new NewWebhook(url, events, secret, description, rateLimit);
  }

  /**
   * Returns a copy limited to this many delivery attempts per second; deliveries over the limit
   * wait (they are not failed).
   *
   * @param perSecond 1 to 10000
   * @return the new request
   */
  public NewWebhook withRateLimit(int perSecond) {
    return new NewWebhook(url, events, secret, description, perSecond);
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
        + ", rateLimit="
        + rateLimit
        + "]";
  }
}
