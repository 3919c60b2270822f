package com.verk.server.delivery;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One delivery as the delivery log lists it; the API and the dashboard show the same record. */
@Schema(name = "Delivery")
public record DeliverySummary(
    @Schema(example = "delivery_456") String id,
    @Schema(example = "task.created") String event,
    @Schema(description = "When the event happened", example = "2024-01-15T10:30:00Z")
        Instant timestamp,
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
            types = {"integer", "null"},
            format = "int64",
            example = "142")
        Long responseTimeMs,
    @Schema(
            description = "When a pending delivery is tried next",
            types = {"string", "null"},
            format = "date-time")
        Instant nextAttemptAt,
    @Schema(description = "Sent by Send Test") boolean test) {}
