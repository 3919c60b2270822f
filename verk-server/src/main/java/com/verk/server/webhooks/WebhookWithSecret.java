package com.verk.server.webhooks;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A webhook just created, with its signing secret: the one response that shows it. */
record WebhookWithSecret(
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
    @Schema(
            description = "The signing secret, shown in this response only",
            example = "your_webhook_secret_12345")
        String secret,
    @Schema(
            description = "The custom headers as given, shown in this response only",
            example = "{\"Authorization\": \"Bearer token_abc\"}")
        Map<String, String> headers,
    @Schema(
            description = "At most this many delivery attempts per second; null: no limit",
            types = {"integer", "null"},
            format = "int32",
            example = "10")
        Integer rateLimit,
    @Schema(
            description = "Always null for a new webhook",
            types = {"string", "null"},
            format = "date-time")
        Instant pausedUntil) {

  static WebhookWithSecret of(Webhook w, String secret, Map<String, String> headers) {
    WebhookView v = WebhookView.of(w, headers == null ? Map.of() : headers, w.createdAt());
    return new WebhookWithSecret(
        v.id(),
        v.url(),
        v.events(),
        v.description(),
        v.active(),
        v.disabledAt(),
        v.disabledReason(),
        v.createdAt(),
        v.updatedAt(),
        secret,
        v.headers(),
        v.rateLimit(),
        v.pausedUntil());
  }
}
