package com.verk.server.tenancy;

import com.verk.server.system.ApiException;
import com.verk.server.system.Pages;
import com.verk.server.system.Times;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
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

  record CreateRequest(String name, List<String> scopes) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Issue a key; the raw key is in this response only")
  Map<String, Object> create(
      @AuthenticationPrincipal ApiPrincipal principal, @RequestBody CreateRequest body) {
    principal.require(Scope.KEYS_WRITE);
    Set<Scope> scopes = ApiKeyService.parseScopes(body.scopes());
    requireHeld(principal, scopes);
    ApiKeyService.IssuedKey issued =
        keys.create(principal.organizationId(), principal.memberId(), body.name(), scopes);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", issued.info().id());
    out.put("name", issued.info().name());
    out.put("scopes", issued.info().scopes());
    out.put("key", issued.key());
    out.put("prefix", issued.info().prefix());
    out.put("createdAt", Times.iso(issued.info().createdAt()));
    return out;
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
  @Operation(summary = "List the organization's active keys, without secrets, a page at a time")
  Map<String, Object> list(
      @AuthenticationPrincipal ApiPrincipal principal,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    principal.require(Scope.KEYS_WRITE);
    int n = Pages.limit(limit);
    return Pages.page(
        keys.list(principal.organizationId(), Pages.Cursor.decode(cursor), n),
        n,
        key -> new Pages.Cursor(key.createdAt(), key.id()),
        this::view);
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Revoke a key; it fails from the next request on")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
    principal.require(Scope.KEYS_WRITE);
    keys.revoke(principal.organizationId(), id);
  }

  private Map<String, Object> view(ApiKeyService.ApiKeyInfo key) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", key.id());
    out.put("name", key.name());
    out.put("scopes", key.scopes());
    out.put("prefix", key.prefix());
    out.put("createdAt", Times.iso(key.createdAt()));
    out.put("lastUsedAt", Times.isoOrNull(key.lastUsedAt()));
    return out;
  }
}
