package com.verk.server.webhooks;

import java.util.List;

/**
 * A webhook subscription as other packages may read it. Times are epoch millis; the secrets are
 * deliberately absent, so that a {@code Webhook} can be shown anywhere without leaking them. Of the
 * custom headers only the names are here (their values are secrets too). {@code rateLimit} is
 * attempts per second (null: none); {@code pausedUntil} is the end of the pause its receiver asked
 * for with Retry-After (null, or in the past: not paused).
 */
public record Webhook(
    String id,
    String orgId,
    String url,
    List<String> events,
    String description,
    boolean active,
    Long disabledAt,
    String disabledReason,
    long createdAt,
    long updatedAt,
    List<String> headerNames,
    Integer rateLimit,
    Long pausedUntil) {

  public Webhook {
    events = List.copyOf(events);
    headerNames = headerNames == null ? List.of() : List.copyOf(headerNames);
  }

  /** A webhook without custom headers, rate limit or pause. */
  public Webhook(
      String id,
      String orgId,
      String url,
      List<String> events,
      String description,
      boolean active,
      Long disabledAt,
      String disabledReason,
      long createdAt,
      long updatedAt) {
    this(
        id,
        orgId,
        url,
        events,
        description,
        active,
        disabledAt,
        disabledReason,
        createdAt,
        updatedAt,
        List.of(),
        null,
        null);
  }

  /** The same webhook with other custom header names. */
  public Webhook withHeaderNames(List<String> names) {
    return new Webhook(
        id,
        orgId,
        url,
        events,
        description,
        active,
        disabledAt,
        disabledReason,
        createdAt,
        updatedAt,
        names,
        rateLimit,
        pausedUntil);
  }

  /** The pause end if the webhook is paused at {@code now}, else null. */
  public Long pausedAt(long now) {
    return pausedUntil != null && pausedUntil > now ? pausedUntil : null;
  }
}
