package com.verk.server.webhooks;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A webhook whose secret was just rotated: the new secret, shown this once, and the overlap. */
@Schema(name = "WebhookWithRotatedSecret")
record RotatedWebhook(
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
    @Schema(types = {"string", "null"}) String disabledReason,
    @Schema(example = "2024-01-15T10:30:00Z") Instant createdAt,
    @Schema(example = "2024-01-15T10:30:00Z") Instant updatedAt,
    @Schema(description = "The new signing secret, shown in this response only") String secret,
    @Schema(
            description =
                "Until then deliveries are also signed with the previous secret; null without an"
                    + " overlap",
            types = {"string", "null"},
            format = "date-time",
            example = "2024-01-16T10:30:00Z")
        Instant previousSecretExpiresAt,
    @Schema(
            description = "Custom header names; each value reads \u2022\u2022\u2022\u2022",
            example = "{\"Authorization\": \"\u2022\u2022\u2022\u2022\"}")
        Map<String, String> headers,
    @Schema(
            description = "At most this many delivery attempts per second; null: no limit",
            types = {"integer", "null"},
            format = "int32",
            example = "10")
        Integer rateLimit,
    @Schema(
            description = "Set while the receiver's back-pressure pauses the webhook",
            types = {"string", "null"},
            format = "date-time")
        Instant pausedUntil) {

  static RotatedWebhook of(Webhooks.Rotated rotated, long now) {
    WebhookView v = WebhookView.of(rotated.webhook(), now);
    Long expires = rotated.previousSecretExpiresAt();
    return new RotatedWebhook(
        v.id(),
        v.url(),
        v.events(),
        v.description(),
        v.active(),
        v.disabledAt(),
        v.disabledReason(),
        v.createdAt(),
        v.updatedAt(),
        rotated.secret(),
        expires == null ? null : Instant.ofEpochMilli(expires),
        v.headers(),
        v.rateLimit(),
        v.pausedUntil());
  }
}
