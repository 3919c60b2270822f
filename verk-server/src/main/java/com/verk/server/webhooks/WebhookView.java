package com.verk.server.webhooks;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A webhook as the API shows it; it never carries a secret. */
@Schema(name = "Webhook")
record WebhookView(
    @Schema(example = "webhook_123") String id,
    @Schema(example = "https://your-server.com/webhook") String url,
    @ArraySchema(schema = @Schema(example = "task.created")) List<String> events,
    @Schema(
            example = "Sync to CRM",
            types = {"string", "null"})
        String description,
    boolean active,
    @Schema(
            types = {"string", "null"},
            format = "date-time")
        Instant disabledAt,
    @Schema(
            example = "Disabled manually",
            types = {"string", "null"})
        String disabledReason,
    @Schema(example = "2024-01-15T10:30:00Z") Instant createdAt,
    @Schema(example = "2024-01-15T10:30:00Z") Instant updatedAt,
    @Schema(
            description =
                "Custom headers sent on every attempt. Values are shown only in the response that"
                    + " set them; everywhere else each value reads \u2022\u2022\u2022\u2022",
            example = "{\"Authorization\": \"\u2022\u2022\u2022\u2022\"}")
        Map<String, String> headers,
    @Schema(
            description = "At most this many delivery attempts per second; null: no limit",
            types = {"integer", "null"},
            format = "int32",
            example = "10")
        Integer rateLimit,
    @Schema(
            description =
                "Set while the receiver's back-pressure (429/503 with Retry-After) pauses the"
                    + " webhook: its deliveries wait until then",
            types = {"string", "null"},
            format = "date-time")
        Instant pausedUntil) {

  /** The view at {@code now} with the header values masked: a pause that has ended is not shown. */
  static WebhookView of(Webhook w, long now) {
    return of(w, WebhookHeaders.masked(w.headerNames()), now);
  }

  /**
   * The view at {@code now} with the header values given: only for the response to the request that
   * set them.
   */
  static WebhookView of(Webhook w, Map<String, String> headers, long now) {
    Long paused = w.pausedAt(now);
    return new WebhookView(
        w.id(),
        w.url(),
        w.events(),
        w.description(),
        w.active(),
        w.disabledAt() == null ? null : Instant.ofEpochMilli(w.disabledAt()),
        w.disabledReason(),
        Instant.ofEpochMilli(w.createdAt()),
        Instant.ofEpochMilli(w.updatedAt()),
        headers,
        w.rateLimit(),
        paused == null ? null : Instant.ofEpochMilli(paused));
  }
}
