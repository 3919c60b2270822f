package com.verk.sdk;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A webhook subscription as the management API returns it. The secret is never part of it; see
 * {@link WebhookWithSecret}.
 *
 * @param id the webhook id, {@code webhook_…}
 * @param url the endpoint deliveries are posted to
 * @param events the subscribed event names, e.g. {@code task.created}
 * @param description the optional description, or {@code null}
 * @param active whether deliveries are sent
 * @param disabledAt when Verk disabled the webhook after repeated failures, or {@code null}
 * @param disabledReason why it was disabled, or {@code null}
 * @param createdAt when it was created
 * @param updatedAt when it was last modified
 * @param headers the custom headers sent with every delivery: their values only in the response to
 *     the request that set them (create, or an update with headers), else each value reads {@code
 *     ••••}
 * @param rateLimit at most this many delivery attempts per second, or {@code null} for no limit
 * @param pausedUntil while the receiver's back-pressure (429 or 503 with {@code Retry-After})
 *     pauses the webhook, when the pause ends; otherwise {@code null}
 */
public record Webhook(
    String id,
    String url,
    List<String> events,
    String description,
    boolean active,
    Instant disabledAt,
    String disabledReason,
    Instant createdAt,
    Instant updatedAt,
    Map<String, String> headers,
    Integer rateLimit,
    Instant pausedUntil) {

  /**
   * A webhook without custom headers, rate limit or pause.
   *
   * @param id the webhook id
   * @param url the endpoint
   * @param events the subscribed event names
   * @param description the description, or {@code null}
   * @param active whether deliveries are sent
   * @param disabledAt when Verk disabled it, or {@code null}
   * @param disabledReason why, or {@code null}
   * @param createdAt when it was created
   * @param updatedAt when it was last modified
   */
  public Webhook(
      String id,
      String url,
      List<String> events,
      String description,
      boolean active,
      Instant disabledAt,
      String disabledReason,
      Instant createdAt,
      Instant updatedAt) {
    this(
        id,
        url,
        events,
        description,
        active,
        disabledAt,
        disabledReason,
        createdAt,
        updatedAt,
        Map.of(),
        null,
        null);
  }

  /**
   * Compact form: {@code headers} null becomes empty.
   *
   * @param id the webhook id
   * @param url the endpoint
   * @param events the subscribed event names
   * @param description the description, or {@code null}
   * @param active whether deliveries are sent
   * @param disabledAt when Verk disabled it, or {@code null}
   * @param disabledReason why, or {@code null}
   * @param createdAt when it was created
   * @param updatedAt when it was last modified
   * @param headers custom headers (values masked except right after setting them)
   * @param rateLimit attempts per second, or {@code null}
   * @param pausedUntil the end of the receiver's pause, or {@code null}
   */
  public Webhook {
    headers = headers == null ? Map.of() : headers;
  }

  /**
   * Shows header names only, so that logging a freshly created webhook does not leak the values.
   *
   * @return a description without header values
   */
  @Override
  public String toString() {
    return "Webhook[id="
        + id
        + ", url="
        + url
        + ", events="
        + events
        + ", description="
        + description
        + ", active="
        + active
        + ", disabledAt="
        + disabledAt
        + ", disabledReason="
        + disabledReason
        + ", createdAt="
        + createdAt
        + ", updatedAt="
        + updatedAt
        + ", headers="
        + headers.keySet()
        + ", rateLimit="
        + rateLimit
        + ", pausedUntil="
        + pausedUntil
        + "]";
  }

  static Webhook from(Fields f) {
    return new Webhook(
        f.string("id"),
        f.string("url"),
        f.strings("events"),
        f.string("description"),
        Boolean.TRUE.equals(f.bool("active")),
        f.instant("disabledAt"),
        f.string("disabledReason"),
        f.instant("createdAt"),
        f.instant("updatedAt"),
        f.stringMap("headers"),
        f.intValue("rateLimit"),
        f.instant("pausedUntil"));
  }
}
