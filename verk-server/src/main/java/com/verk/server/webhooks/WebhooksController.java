package com.verk.server.webhooks;

import com.verk.server.system.OpenApiDocs;
import com.verk.server.system.Page;
import com.verk.server.system.ProblemResponses;
import com.verk.server.tenancy.ApiPrincipal;
import com.verk.server.tenancy.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The webhook management API of the spec: create, list, get, update, delete, rotate a secret. */
@RestController
@RequestMapping("/v1/webhooks")
@Tag(
    name = "Webhooks",
    description = "Webhook subscriptions (scopes webhooks:read, webhooks:write)")
class WebhooksController {

  private final Webhooks webhooks;
  private final Clock clock;

  WebhooksController(Webhooks webhooks, Clock clock) {
    this.webhooks = webhooks;
    this.clock = clock;
  }

  @Schema(name = "NewWebhook")
  record CreateRequest(
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              example = "https://your-server.com/webhook")
          String url,
      @ArraySchema(
              schema = @Schema(example = "task.created"),
              arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED))
          List<String> events,
      @Schema(
              description = "16-256 characters; generated when absent",
              example = "your_webhook_secret_12345")
          String secret,
      @Schema(description = "At most 500 characters", example = "Sync to CRM") String description,
      @Schema(
              description =
                  "Custom headers sent on every attempt (at most 20, 8 KiB in all); names Verk or"
                      + " HTTP reserve are refused. Values are secrets: shown in this response"
                      + " only",
              example = "{\"Authorization\": \"Bearer token_abc\", \"X-Team\": \"ops\"}")
          Map<String, String> headers,
      @Schema(
              description =
                  "At most this many delivery attempts per second, 1 to 10000; null or 0: no limit",
              types = {"integer", "null"},
              format = "int32",
              example = "10")
          Integer rateLimit) {}

  @Schema(name = "WebhookChanges", description = "Absent or null fields stay as they are")
  record UpdateRequest(
      String url,
      @ArraySchema(schema = @Schema(example = "task.completed")) List<String> events,
      @Schema(description = "An empty string clears it") String description,
      @Schema(description = "Replaces the secret at once, without overlap") String secret,
      Boolean active,
      @Schema(
              description =
                  "Replaces every custom header; {} removes them all. The response shows these"
                      + " values, this once",
              example = "{\"Authorization\": \"Bearer token_abc\"}")
          Map<String, String> headers,
      @Schema(
              description = "Attempts per second, 1 to 10000; 0 removes the limit",
              types = {"integer", "null"},
              format = "int32",
              example = "10")
          Integer rateLimit) {}

  @Schema(name = "SecretRotation")
  record RotateRequest(
      @Schema(
              description = "Seconds the previous secret keeps signing (0 to 2592000)",
              example = "3600")
          Long overlapSeconds) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      operationId = "createWebhook",
      summary = "Create a webhook; the response carries its secret, this once",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "webhooks:write"))
  @ApiResponse(responseCode = "201", description = "Created")
  @ProblemResponses({"validation_failed", "plan_limit_reached"})
  WebhookWithSecret create(
      @AuthenticationPrincipal ApiPrincipal principal, @RequestBody CreateRequest body) {
    principal.require(Scope.WEBHOOKS_WRITE);
    Webhooks.Created created =
        webhooks.create(
            principal.organizationId(),
            new Webhooks.NewWebhook(
                body.url(),
                body.events(),
                body.secret(),
                body.description(),
                body.headers(),
                body.rateLimit()));
    return WebhookWithSecret.of(created.webhook(), created.secret(), body.headers());
  }

  @GetMapping
  @Operation(
      operationId = "listWebhooks",
      summary = "List webhooks, oldest first, with cursor pagination",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "webhooks:read"))
  @ProblemResponses("validation_failed")
  Page<WebhookView> list(
      @AuthenticationPrincipal ApiPrincipal principal,
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
    return webhooks
        .list(principal.organizationId(), limit, cursor)
        .map(w -> WebhookView.of(w, clock.millis()));
  }

  @GetMapping("/{id}")
  @Operation(
      operationId = "getWebhook",
      summary = "Read one webhook",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "webhooks:read"))
  @ProblemResponses("not_found")
  WebhookView get(
      @AuthenticationPrincipal ApiPrincipal principal,
      @Parameter(example = "webhook_123") @PathVariable String id) {
    principal.require(Scope.WEBHOOKS_READ);
    return WebhookView.of(webhooks.get(principal.organizationId(), id), clock.millis());
  }

  @PatchMapping("/{id}")
  @Operation(
      operationId = "updateWebhook",
      summary = "Change url, events, description, secret, active, headers or rateLimit",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "webhooks:write"))
  @ProblemResponses({"validation_failed", "not_found"})
  WebhookView update(
      @AuthenticationPrincipal ApiPrincipal principal,
      @Parameter(example = "webhook_123") @PathVariable String id,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              name = "events",
                              summary = "Replace the subscription",
                              value = "{\"events\": [\"task.created\", \"task.completed\"]}")))
          @RequestBody
          UpdateRequest body) {
    principal.require(Scope.WEBHOOKS_WRITE);
    Webhook updated =
        webhooks.update(
            principal.organizationId(),
            id,
            new Webhooks.Changes(
                body.url(),
                body.events(),
                body.description(),
                body.secret(),
                body.active(),
                body.headers(),
                body.rateLimit()));
    long now = clock.millis();
    return body.headers() == null
        ? WebhookView.of(updated, now)
        : WebhookView.of(updated, body.headers(), now);
  }

  @DeleteMapping("/{id}")
  @Operation(
      operationId = "deleteWebhook",
      summary = "Delete a webhook with its delivery log",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "webhooks:write"))
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ProblemResponses("not_found")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(
      @AuthenticationPrincipal ApiPrincipal principal,
      @Parameter(example = "webhook_123") @PathVariable String id) {
    principal.require(Scope.WEBHOOKS_WRITE);
    webhooks.delete(principal.organizationId(), id);
  }

  @PostMapping("/{id}/rotate-secret")
  @Operation(
      operationId = "rotateWebhookSecret",
      summary = "Generate a new secret; the previous one keeps signing during the overlap",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "webhooks:write"))
  @ProblemResponses({"validation_failed", "not_found"})
  RotatedWebhook rotate(
      @AuthenticationPrincipal ApiPrincipal principal,
      @Parameter(example = "webhook_123") @PathVariable String id,
      @RequestBody(required = false) RotateRequest body) {
    principal.require(Scope.WEBHOOKS_WRITE);
    return RotatedWebhook.of(
        webhooks.rotateSecret(
            principal.organizationId(), id, body == null ? null : body.overlapSeconds()),
        clock.millis());
  }
}
