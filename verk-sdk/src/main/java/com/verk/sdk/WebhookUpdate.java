package com.verk.sdk;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link VerkClient#updateWebhook} sends: only the fields that were set are changed.
 *
 * <pre>{@code
 * client.updateWebhook(id, WebhookUpdate.create().events(EventType.TASK_CREATED).active(true));
 * }</pre>
 */
public final class WebhookUpdate {

  private final Map<String, Object> fields = new LinkedHashMap<>();

  private WebhookUpdate() {}

  /**
   * Starts an empty update.
   *
   * @return a new update
   */
  public static WebhookUpdate create() {
    return new WebhookUpdate();
  }

  /**
   * Changes the endpoint.
   *
   * @param url the new HTTPS endpoint
   * @return this update
   */
  public WebhookUpdate url(String url) {
    fields.put("url", url);
    return this;
  }

  /**
   * Replaces the subscribed events.
   *
   * @param events the event types
   * @return this update
   */
  public WebhookUpdate events(EventType... events) {
    return events(Arrays.stream(events).map(EventType::wireName).toList());
  }

  /**
   * Replaces the subscribed events by name.
   *
   * @param events the event names
   * @return this update
   */
  public WebhookUpdate events(List<String> events) {
    fields.put("events", List.copyOf(events));
    return this;
  }

  /**
   * Changes the description.
   *
   * @param description the notes
   * @return this update
   */
  public WebhookUpdate description(String description) {
    fields.put("description", description);
    return this;
  }

  /**
   * Replaces the signing secret at once (no overlap; see {@link VerkClient#rotateSecret} for a
   * rotation without downtime).
   *
   * @param secret the new secret
   * @return this update
   */
  public WebhookUpdate secret(String secret) {
    fields.put("secret", secret);
    return this;
  }

  /**
   * Enables or disables the webhook; {@code true} re-enables a webhook Verk disabled.
   *
   * @param active whether deliveries are sent
   * @return this update
   */
  public WebhookUpdate active(boolean active) {
    fields.put("active", active);
    return this;
  }

  /**
   * Replaces every custom header; an empty map removes them all. The returned webhook shows these
   * values, this once.
   *
   * @param headers names and values, in the order they are sent
   * @return this update
   */
  public WebhookUpdate headers(Map<String, String> headers) {
    fields.put("headers", new LinkedHashMap<>(headers));
    return this;
  }

  /**
   * Limits deliveries to this many attempts per second; those over the limit wait.
   *
   * @param perSecond 1 to 10000
   * @return this update
   */
  public WebhookUpdate rateLimit(int perSecond) {
    fields.put("rateLimit", perSecond);
    return this;
  }

  /**
   * Removes the rate limit (sends {@code "rateLimit": 0}).
   *
   * @return this update
   */
  public WebhookUpdate removeRateLimit() {
    fields.put("rateLimit", 0);
    return this;
  }

  Map<String, Object> toJson() {
    return fields;
  }

  /**
   * Lists the fields that will change, without a secret's value or header values.
   *
   * @return a description of this update
   */
  @Override
  public String toString() {
    Map<String, Object> shown = new LinkedHashMap<>(fields);
    shown.computeIfPresent("secret", (k, v) -> "***");
    shown.computeIfPresent("headers", (k, v) -> ((Map<?, ?>) v).keySet());
    return "WebhookUpdate" + shown;
  }
}
