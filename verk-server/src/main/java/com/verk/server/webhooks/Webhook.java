package com.verk.server.webhooks;

import java.util.List;

/**
 * A webhook subscription as other packages may read it. Times are epoch millis; the secrets are
 * deliberately absent, so that a {@code Webhook} can be shown anywhere without leaking them.
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
    long updatedAt) {

  public Webhook {
    events = List.copyOf(events);
  }
}
