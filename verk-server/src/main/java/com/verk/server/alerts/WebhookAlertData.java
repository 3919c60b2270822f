package com.verk.server.alerts;

/**
 * The {@code data} of {@code webhook.failing}, {@code webhook.disabled} and {@code
 * webhook.recovered} (schema in events/EventCatalog): the webhook, why, its last error and counts.
 * Times are ISO-8601 UTC.
 *
 * @param failedAttempts failed attempts since the webhook's last success
 * @param failingDeliveries deliveries waiting for a retry after at least one failed attempt
 */
public record WebhookAlertData(
    String webhookId,
    String url,
    String description,
    String reason,
    String lastError,
    String lastErrorAt,
    Integer lastResponseStatus,
    long failedAttempts,
    long failingDeliveries,
    String lastSuccessAt,
    String disabledAt) {}
