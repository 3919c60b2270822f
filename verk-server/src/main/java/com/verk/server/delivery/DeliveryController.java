package com.verk.server.delivery;

import com.verk.server.system.OpenApiDocs;
import com.verk.server.system.Page;
import com.verk.server.system.ProblemResponses;
import com.verk.server.system.Times;
import com.verk.server.tenancy.ApiPrincipal;
import com.verk.server.tenancy.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The delivery log, redeliver, recover and Send Test. */
@RestController
@RequestMapping("/v1/webhooks/{webhookId}")
@Tag(name = "Deliveries", description = "The delivery log, redeliver, recover and Send Test")
class DeliveryController {

  private final DeliveryLog log;
  private final DeliveryActions actions;

  DeliveryController(DeliveryLog log, DeliveryActions actions) {
    this.log = log;
    this.actions = actions;
  }

  @Schema(name = "Recovery")
  record RecoverRequest(
      @Schema(
              description = "Queue failed and skipped deliveries created since this time",
              requiredMode = Schema.RequiredMode.REQUIRED,
              format = "date-time",
              example = "2024-01-15T10:30:00Z")
          String since) {}

  @Schema(name = "RecoveryResult")
  record RecoverResult(
      @Schema(description = "Deliveries queued again", example = "3") int queued) {}

  @Schema(name = "TestRequest")
  record TestRequest(
      @Schema(
              description = "The event type whose sample is sent",
              requiredMode = Schema.RequiredMode.REQUIRED,
              example = "task.created")
          String event) {}

  @GetMapping("/deliveries")
  @Operation(
      operationId = "listDeliveries",
      summary =
          "The delivery log, newest first; filtered by status, event and time range, or searched"
              + " by delivery id or by the id of the object in the event's data",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "webhooks:read"))
  @ProblemResponses("validation_failed")
  Page<DeliverySummary> list(
      @AuthenticationPrincipal ApiPrincipal principal,
      @Parameter(example = "webhook_123") @PathVariable String webhookId,
      @Parameter(
              schema =
                  @Schema(
                      type = "string",
                      allowableValues = {"pending", "succeeded", "failed", "skipped"}))
          @RequestParam(required = false)
          String status,
      @Parameter(description = "An event type", example = "task.created")
          @RequestParam(required = false)
          String event,
      @Parameter(
              description =
                  "Deliveries created at or after this time (ISO-8601, e.g."
                      + " 2024-01-15T10:30:00Z)",
              schema = @Schema(type = "string", format = "date-time"))
          @RequestParam(required = false)
          String since,
      @Parameter(
              description = "Deliveries created before this time (ISO-8601); later than since",
              schema = @Schema(type = "string", format = "date-time"))
          @RequestParam(required = false)
          String until,
      @Parameter(
              description = "Only this delivery (at most 200 characters)",
              example = "delivery_456")
          @RequestParam(required = false)
          String deliveryId,
      @Parameter(
              description =
                  "Deliveries of events about this object: the id in the event's data (a task,"
                      + " project, comment, file or member id; the webhookId of webhook.* events),"
                      + " at most 200 characters",
              example = "task_123")
          @RequestParam(required = false)
          String objectId,
      @Parameter(
              description = "Page size, 1 to 100",
              schema =
                  @Schema(
                      type = "integer",
                      format = "int32",
                      minimum = "1",
                      maximum = "100",
                      defaultValue = "20"))
          @RequestParam(required = false)
          Integer limit,
      @Parameter(description = "The nextCursor of the previous page")
          @RequestParam(required = false)
          String cursor) {
    principal.require(Scope.WEBHOOKS_READ);
    DeliveryFilter filter =
        new DeliveryFilter(
            status,
            event,
            since == null ? null : Instant.ofEpochMilli(Times.epochMillis("since", since)),
            until == null ? null : Instant.ofEpochMilli(Times.epochMillis("until", until)),
            deliveryId,
            objectId);
    return log.list(principal.organizationId(), webhookId, filter, limit, cursor);
  }

  @GetMapping("/deliveries/{deliveryId}")
  @Operation(
      operationId = "getDelivery",
      summary = "One delivery with its attempts and the request sent",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "webhooks:read"))
  DeliveryDetail get(
      @AuthenticationPrincipal ApiPrincipal principal,
      @Parameter(example = "webhook_123") @PathVariable String webhookId,
      @Parameter(example = "delivery_456") @PathVariable String deliveryId) {
    principal.require(Scope.WEBHOOKS_READ);
    return log.get(principal.organizationId(), webhookId, deliveryId);
  }

  @PostMapping("/deliveries/{deliveryId}/redeliver")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      operationId = "redeliver",
      summary = "Queue the delivery again, due now, with the same deliveryId",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "webhooks:write"))
  @ApiResponse(responseCode = "202", description = "Queued")
  @ProblemResponses("conflict")
  DeliverySummary redeliver(
      @AuthenticationPrincipal ApiPrincipal principal,
      @Parameter(example = "webhook_123") @PathVariable String webhookId,
      @Parameter(example = "delivery_456") @PathVariable String deliveryId) {
    principal.require(Scope.WEBHOOKS_WRITE);
    return actions.redeliver(principal.organizationId(), webhookId, deliveryId);
  }

  @PostMapping("/recover")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      operationId = "recoverDeliveries",
      summary = "Queue again every failed or skipped delivery since a time",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "webhooks:write"))
  @ApiResponse(responseCode = "202", description = "Queued")
  @ProblemResponses({"validation_failed", "conflict"})
  RecoverResult recover(
      @AuthenticationPrincipal ApiPrincipal principal,
      @Parameter(example = "webhook_123") @PathVariable String webhookId,
      @RequestBody(required = false) RecoverRequest body) {
    principal.require(Scope.WEBHOOKS_WRITE);
    Instant since = DeliveryActions.parseSince(body == null ? null : body.since());
    return new RecoverResult(actions.recover(principal.organizationId(), webhookId, since));
  }

  @PostMapping("/test")
  @Operation(
      operationId = "sendTestEvent",
      summary = "Send Test: the event type's sample, signed and sent at once",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "webhooks:write"))
  @ProblemResponses({"validation_failed", "rate_limited"})
  TestResult test(
      @AuthenticationPrincipal ApiPrincipal principal,
      @Parameter(example = "webhook_123") @PathVariable String webhookId,
      @RequestBody(required = false) TestRequest body) {
    principal.require(Scope.WEBHOOKS_WRITE);
    return actions.test(principal.organizationId(), webhookId, body == null ? null : body.event());
  }
}
