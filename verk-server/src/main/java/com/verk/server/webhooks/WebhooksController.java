package com.verk.server.webhooks;

import com.verk.server.system.Times;
import com.verk.server.tenancy.ApiPrincipal;
import com.verk.server.tenancy.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
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

  WebhooksController(Webhooks webhooks) {
    this.webhooks = webhooks;
  }

  record CreateRequest(String url, List<String> events, String secret, String description) {}

  record UpdateRequest(
      String url, List<String> events, String description, String secret, Boolean active) {}

  record RotateRequest(Long overlapSeconds) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create a webhook; the response carries its secret, this once")
  Map<String, Object> create(
      @AuthenticationPrincipal ApiPrincipal principal, @RequestBody CreateRequest body) {
    principal.require(Scope.WEBHOOKS_WRITE);
    Webhooks.Created created =
        webhooks.create(
            principal.organizationId(),
            new Webhooks.NewWebhook(body.url(), body.events(), body.secret(), body.description()));
    Map<String, Object> view = view(created.webhook());
    view.put("secret", created.secret());
    return view;
  }

  @GetMapping
  @Operation(summary = "List webhooks, oldest first, with cursor pagination")
  Map<String, Object> list(
      @AuthenticationPrincipal ApiPrincipal principal,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    principal.require(Scope.WEBHOOKS_READ);
    Webhooks.Page page = webhooks.list(principal.organizationId(), limit, cursor);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("data", page.data().stream().map(WebhooksController::view).toList());
    out.put("nextCursor", page.nextCursor());
    return out;
  }

  @GetMapping("/{id}")
  @Operation(summary = "Read one webhook")
  Map<String, Object> get(
      @AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
    principal.require(Scope.WEBHOOKS_READ);
    return view(webhooks.get(principal.organizationId(), id));
  }

  @PatchMapping("/{id}")
  @Operation(summary = "Change url, events, description, secret or active")
  Map<String, Object> update(
      @AuthenticationPrincipal ApiPrincipal principal,
      @PathVariable String id,
      @RequestBody UpdateRequest body) {
    principal.require(Scope.WEBHOOKS_WRITE);
    return view(
        webhooks.update(
            principal.organizationId(),
            id,
            new Webhooks.Changes(
                body.url(), body.events(), body.description(), body.secret(), body.active())));
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Delete a webhook with its delivery log")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@AuthenticationPrincipal ApiPrincipal principal, @PathVariable String id) {
    principal.require(Scope.WEBHOOKS_WRITE);
    webhooks.delete(principal.organizationId(), id);
  }

  @PostMapping("/{id}/rotate-secret")
  @Operation(summary = "Generate a new secret; the previous one keeps signing during the overlap")
  Map<String, Object> rotate(
      @AuthenticationPrincipal ApiPrincipal principal,
      @PathVariable String id,
      @RequestBody(required = false) RotateRequest body) {
    principal.require(Scope.WEBHOOKS_WRITE);
    Webhooks.Rotated rotated =
        webhooks.rotateSecret(
            principal.organizationId(), id, body == null ? null : body.overlapSeconds());
    Map<String, Object> view = view(rotated.webhook());
    view.put("secret", rotated.secret());
    view.put("previousSecretExpiresAt", Times.isoOrNull(rotated.previousSecretExpiresAt()));
    return view;
  }

  /** The public shape of a webhook; it never carries a secret. */
  static Map<String, Object> view(Webhook w) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", w.id());
    out.put("url", w.url());
    out.put("events", w.events());
    out.put("description", w.description());
    out.put("active", w.active());
    out.put("disabledAt", Times.isoOrNull(w.disabledAt()));
    out.put("disabledReason", w.disabledReason());
    out.put("createdAt", Times.iso(w.createdAt()));
    out.put("updatedAt", Times.iso(w.updatedAt()));
    return out;
  }
}
