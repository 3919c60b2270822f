package com.verk.server.events;

import com.verk.server.system.OpenApiDocs;
import com.verk.server.system.Page;
import com.verk.server.system.ProblemResponses;
import com.verk.server.tenancy.ApiPrincipal;
import com.verk.server.tenancy.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The events view: the organization's recent events and how each delivery of them ended. */
@RestController
@Tag(
    name = "Events",
    description =
        "The organization's events, newest first, with the webhooks each went to and how each"
            + " delivery ended")
class EventsController {

  private final EventLog events;

  EventsController(EventLog events) {
    this.events = events;
  }

  @GetMapping("/v1/events")
  @Operation(
      operationId = "listEvents",
      summary = "The organization's events, newest first, each with its deliveries",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "webhooks:read"))
  @ProblemResponses("validation_failed")
  Page<EventSummary> list(
      @AuthenticationPrincipal ApiPrincipal principal,
      @Parameter(description = "Only events of this type", example = "task.created")
          @RequestParam(required = false)
          String type,
      @Parameter(
              description = "Only events that happened at or after this time",
              schema = @Schema(type = "string", format = "date-time"),
              example = "2024-01-15T00:00:00Z")
          @RequestParam(required = false)
          String since,
      @Parameter(
              description = "Only events that happened before this time",
              schema = @Schema(type = "string", format = "date-time"),
              example = "2024-01-16T00:00:00Z")
          @RequestParam(required = false)
          String until,
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
    return events.list(
        principal.organizationId(), new EventLog.Filter(type, since, until), limit, cursor);
  }

  @GetMapping("/v1/events/{eventId}")
  @Operation(
      operationId = "getEvent",
      summary = "One event with its deliveries",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "webhooks:read"))
  EventSummary get(
      @AuthenticationPrincipal ApiPrincipal principal,
      @Parameter(example = "evt_3kTzQm8Yp2LxW0aBcDeFgHiJ") @PathVariable String eventId) {
    principal.require(Scope.WEBHOOKS_READ);
    return events.get(principal.organizationId(), eventId);
  }
}
