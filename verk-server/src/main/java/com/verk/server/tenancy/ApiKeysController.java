package com.verk.server.tenancy;

import com.verk.server.system.ApiException;
import com.verk.server.system.OpenApiDocs;
import com.verk.server.system.Page;
import com.verk.server.system.Pages;
import com.verk.server.system.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Issue, list and revoke API keys; every call needs {@code keys:write}. */
@RestController
@RequestMapping("/v1/api-keys")
@Tag(name = "API keys", description = "Issue, list and revoke API keys (scope keys:write)")
class ApiKeysController {

  private final ApiKeyService keys;

  ApiKeysController(ApiKeyService keys) {
    this.keys = keys;
  }

  @Schema(name = "NewApiKey")
  record CreateRequest(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "CI deploys") String name,
      @ArraySchema(
              schema =
                  @Schema(
                      allowableValues = {
                        "webhooks:read",
                        "webhooks:write",
                        "workspace:read",
                        "workspace:write",
                        "keys:write"
                      }),
              arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED))
          List<String> scopes) {}

  /** An API key without its secret. */
  @Schema(name = "ApiKey")
  record ApiKeyView(
      @Schema(example = "key_123") String id,
      @Schema(example = "CI deploys") String name,
      @ArraySchema(schema = @Schema(example = "webhooks:write")) List<String> scopes,
      @Schema(example = "vk_AbCd") String prefix,
      @Schema(example = "2024-01-15T10:30:00Z") Instant createdAt,
      @Schema(
              types = {"string", "null"},
              format = "date-time")
          Instant lastUsedAt) {

    static ApiKeyView of(ApiKeyService.ApiKeyInfo key) {
      return new ApiKeyView(
          key.id(),
          key.name(),
          key.scopes(),
          key.prefix(),
          Instant.ofEpochMilli(key.createdAt()),
          key.lastUsedAt() == null ? null : Instant.ofEpochMilli(key.lastUsedAt()));
    }
  }

  /** A key just issued, with the raw key: the one response that shows it. */
  @Schema(name = "ApiKeyWithSecret")
  record IssuedKeyView(
      @Schema(example = "key_123") String id,
      @Schema(example = "CI deploys") String name,
      @ArraySchema(schema = @Schema(example = "webhooks:write")) List<String> scopes,
      @Schema(description = "Shown in this response only", example = "vk_...") String key,
      @Schema(example = "vk_AbCd") String prefix,
      @Schema(example = "2024-01-15T10:30:00Z") Instant createdAt) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      operationId = "createApiKey",
      summary = "Issue a key; the raw key is in this response only",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "keys:write"))
  @ApiResponse(responseCode = "201", description = "Created")
  IssuedKeyView create(
      @AuthenticationPrincipal ApiPrincipal principal, @RequestBody CreateRequest body) {
    principal.require(Scope.KEYS_WRITE);
    Set<Scope> scopes = ApiKeyService.parseScopes(body.scopes());
    requireHeld(principal, scopes);
    ApiKeyService.IssuedKey issued =
        keys.create(principal.organizationId(), principal.memberId(), body.name(), scopes);
    ApiKeyView info = ApiKeyView.of(issued.info());
    return new IssuedKeyView(
        info.id(), info.name(), info.scopes(), issued.key(), info.prefix(), info.createdAt());
  }

  /** A key grants at most what it holds: it cannot mint a key with a scope it lacks. */
  private static void requireHeld(ApiPrincipal principal, Set<Scope> wanted) {
    for (Scope scope : wanted) {
      if (!principal.has(scope)) {
        throw new ApiException(
            HttpStatus.FORBIDDEN,
            "insufficient_scope",
            "Insufficient scope",
            "This API key lacks the scope "
                + scope.wireName()
                + ", so it cannot issue a key that has it",
            List.of(new ApiException.FieldError("scopes", "must only list scopes this key holds")),
            Map.of("scope", scope.wireName()));
      }
    }
  }

  @GetMapping
  @Operation(
      operationId = "listApiKeys",
      summary = "List the organization's active keys, without secrets, a page at a time",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "keys:write"))
  @ProblemResponses("validation_failed")
  Page<ApiKeyView> list(
      @AuthenticationPrincipal ApiPrincipal principal,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    principal.require(Scope.KEYS_WRITE);
    int n = Pages.limit(limit);
    return Pages.page(
        keys.list(principal.organizationId(), Pages.Cursor.decode(cursor), n),
        n,
        key -> new Pages.Cursor(key.createdAt(), key.id()),
        ApiKeyView::of);
  }

  @DeleteMapping("/{id}")
  @Operation(
      operationId = "revokeApiKey",
      summary = "Revoke a key; it fails from the next request on",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER, scopes = "keys:write"))
  @ApiResponse(responseCode = "204", description = "Revoked")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
    principal.require(Scope.KEYS_WRITE);
    keys.revoke(principal.organizationId(), id);
  }
}
