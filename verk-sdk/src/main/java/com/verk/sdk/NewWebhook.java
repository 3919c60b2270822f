package com.verk.sdk;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param headers custom headers sent with every delivery (at most 20, 8 KiB in all; names Verk or
 *     HTTP reserve are refused), or {@code null} for none; the values are secrets
 * @param rateLimit at most this many delivery attempts per second (1 to 10000), or {@code null} for
 *     no limit
 */
public record NewWebhook(
    String url,
    List<String> events,
    String secret,
    String description,
    Map<String, String> headers,
    Integer rateLimit) {

  /**
   * A request without custom headers or rate limit.
   *
   * @param url the HTTPS endpoint
   * @param events the event names to subscribe to
   * @param secret your own signing secret, or {@code null} to let Verk generate one
   * @param description optional notes, or {@code null}
   */
  public NewWebhook(String url, List<String> events, String secret, String description) {
    this(url, events, secret, description, null, null);
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
    return new NewWebhook(url, events, secret, description, headers, rateLimit);
  }

  /**
   * Returns a copy with custom headers, e.g. {@code Map.of("Authorization", "Bearer …")}, sent with
   * every delivery.
   *
   * @param headers names and values, in the order they are sent
   * @return the new request
   */
  public NewWebhook withHeaders(Map<String, String> headers) {
    return new NewWebhook(
        url, events, secret, description, new LinkedHashMap<>(headers), rateLimit);
  }

  /**
   * Returns a copy with a description.
   *
   * @param description the notes
   * @return the new request
   */
  public NewWebhook withDescription(String description) {
    return new NewWebhook(url, events, secret, description, headers, rateLimit);
  }

  /**
   * Returns a copy limited to this many delivery attempts per second; deliveries over the limit
   * wait (they are not failed).
   *
   * @param perSecond 1 to 10000
   * @return the new request
   */
  public NewWebhook withRateLimit(int perSecond) {
    return new NewWebhook(url, events, secret, description, headers, perSecond);
  }

  /**
   * Hides the secret and the header values, so that logging this value does not leak them.
   *
   * @return a description without the secret or header values
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
        + ", headers="
        + (headers == null ? null : headers.keySet())
        + ", rateLimit="
        + rateLimit
        + "]";
  }
}
