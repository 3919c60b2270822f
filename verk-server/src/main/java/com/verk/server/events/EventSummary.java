package com.verk.server.events;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * One event of the organization as the events view lists it: which webhooks it went to and how each
 * delivery stands. The API and the dashboard show the same record.
 */
@Schema(name = "Event")
public record EventSummary(
    @Schema(example = "evt_3kTzQm8Yp2LxW0aBcDeFgHiJ") String id,
    @Schema(example = "task.created") String type,
    @Schema(description = "When the event happened", example = "2024-01-15T10:30:00Z")
        Instant occurredAt,
    @Schema(
            description =
                "One delivery per webhook that was subscribed when the event happened, oldest"
                    + " first; empty when none was (or its webhook has since been deleted)")
        List<EventDelivery> deliveries) {

  public EventSummary {
    deliveries = List.copyOf(deliveries);
  }

  /** One delivery of the event: open it at /v1/webhooks/{webhookId}/deliveries/{id}. */
  @Schema(name = "EventDelivery")
  public record EventDelivery(
      @Schema(example = "delivery_456") String id,
      @Schema(example = "webhook_123") String webhookId,
      @Schema(description = "The webhook's endpoint", example = "https://example.com/hooks/verk")
          String url,
      @Schema(
              allowableValues = {"pending", "succeeded", "failed", "skipped"},
              example = "succeeded")
          String status,
      @Schema(example = "1") int attempts,
      @Schema(
              description = "HTTP status of the last attempt",
              types = {"integer", "null"},
              format = "int32",
              example = "200")
          Integer responseStatus,
      @Schema(
              description = "When the last attempt was made",
              types = {"string", "null"},
              format = "date-time")
          Instant lastAttemptAt,
      @Schema(description = "Sent by Send Test") boolean test) {}
}
