package com.verk.server.delivery;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One delivery with every attempt and the request that was sent (or will be). */
public record DeliveryDetail(
    @Schema(example = "delivery_456") String id,
    @Schema(example = "task.created") String event,
    @Schema(example = "2024-01-15T10:30:00Z") Instant timestamp,
    @Schema(
            allowableValues = {"pending", "succeeded", "failed", "skipped"},
            example = "succeeded")
        String status,
    int attempts,
    @Schema(
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
            types = {"string", "null"},
            format = "date-time")
        Instant nextAttemptAt,
    boolean test,
    List<Attempt> attemptLog,
    Request request) {

  public DeliveryDetail {
    attemptLog = List.copyOf(attemptLog);
  }

  static DeliveryDetail of(DeliverySummary s, List<Attempt> attemptLog, Request request) {
    return new DeliveryDetail(
        s.id(),
        s.event(),
        s.timestamp(),
        s.status(),
        s.attempts(),
        s.responseStatus(),
        s.responseTimeMs(),
        s.nextAttemptAt(),
        s.test(),
        attemptLog,
        request);
  }

  /** One attempt to send the delivery and what came of it. */
  @Schema(name = "Attempt")
  public record Attempt(
      @Schema(example = "1") int number,
      @Schema(example = "2024-01-15T10:30:01Z") Instant attemptedAt,
      boolean success,
      @Schema(
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
              description = "Timeout, TLS or connection error",
              types = {"string", "null"})
          String error,
      @Schema(
              description = "The response body, truncated",
              types = {"string", "null"})
          String responseBody) {}

  /** The request as sent: the same body on every attempt, the headers of the last one. */
  @Schema(name = "DeliveryRequest")
  public record Request(
      @Schema(example = "https://your-server.com/webhook") String url,
      Map<String, String> headers,
      @Schema(description = "The signed JSON body") String body) {

    public Request {
      headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }
  }
}
