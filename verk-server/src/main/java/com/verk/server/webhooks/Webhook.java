package com.verk.server.webhooks;

import java.util.List;

/**
 * A webhook subscription as other packages may read it. Times are epoch millis; the secrets are
 * deliberately absent, so that a {@code Webhook} can be shown anywhere without leaking them. Of the
 * custom headers only the names are here (their values are secrets too).
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
    List<String> headerNames) {

  public Webhook {
    events = List.copyOf(events);
    headerNames = headerNames == null ? List.of() : List.copyOf(headerNames);
  }

  /** A webhook without custom headers. */
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
        List.of());
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
        names);
  }
}
