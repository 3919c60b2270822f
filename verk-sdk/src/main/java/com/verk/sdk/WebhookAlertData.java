package com.verk.sdk;

import java.time.Instant;

/**
 * The data of the operational events {@code webhook.failing}, {@code webhook.disabled} and {@code
 * webhook.recovered}: another webhook of the organization is failing, was disabled, or succeeds
 * again. A webhook never receives these events about itself.
 *
 * @param webhookId the webhook the event is about, {@code webhook_…}
 * @param url its URL
 * @param description its description, or {@code null}
 * @param reason what happened, in words
 * @param lastError the error of its last failed attempt, or {@code null}
 * @param lastErrorAt when that attempt was made, or {@code null}
 * @param lastResponseStatus the HTTP status of that attempt, or {@code null} without a response
 * @param failedAttempts failed attempts since its last success
 * @param failingDeliveries deliveries waiting for a retry after a failed attempt
 * @param lastSuccessAt its last successful delivery, or {@code null}
 * @param disabledAt for {@code webhook.disabled}: when it was disabled; {@code null} otherwise
 */
public record WebhookAlertData(
    String webhookId,
    String url,
    String description,
    String reason,
    String lastError,
    Instant lastErrorAt,
    Integer lastResponseStatus,
    Long failedAttempts,
    Long failingDeliveries,
    Instant lastSuccessAt,
    Instant disabledAt)
    implements EventData {

  static WebhookAlertData from(Fields f) {
    return new WebhookAlertData(
        f.string("webhookId"),
        f.string("url"),
        f.string("description"),
        f.string("reason"),
        f.string("lastError"),
        f.instant("lastErrorAt"),
        f.intValue("lastResponseStatus"),
        f.longValue("failedAttempts"),
        f.longValue("failingDeliveries"),
        f.instant("lastSuccessAt"),
        f.instant("disabledAt"));
  }
}
