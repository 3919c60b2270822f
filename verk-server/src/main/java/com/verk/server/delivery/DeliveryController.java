package com.verk.server.delivery;

import com.verk.server.tenancy.ApiPrincipal;
import com.verk.server.tenancy.Scope;
import java.util.Map;
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
class DeliveryController {

  private final DeliveryLog log;
  private final DeliveryActions actions;

  DeliveryController(DeliveryLog log, DeliveryActions actions) {
    this.log = log;
    this.actions = actions;
  }

  record RecoverRequest(String since) {}

  record TestRequest(String event) {}

  @GetMapping("/deliveries")
  Map<String, Object> list(
      @AuthenticationPrincipal ApiPrincipal principal,
      @PathVariable String webhookId,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String event,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String cursor) {
    principal.require(Scope.WEBHOOKS_READ);
    return log.list(principal.organizationId(), webhookId, status, event, limit, cursor);
  }

  @GetMapping("/deliveries/{deliveryId}")
  Map<String, Object> get(
      @AuthenticationPrincipal ApiPrincipal principal,
      @PathVariable String webhookId,
      @PathVariable String deliveryId) {
    principal.require(Scope.WEBHOOKS_READ);
    return log.get(principal.organizationId(), webhookId, deliveryId);
  }

  @PostMapping("/deliveries/{deliveryId}/redeliver")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, Object> redeliver(
      @AuthenticationPrincipal ApiPrincipal principal,
      @PathVariable String webhookId,
      @PathVariable String deliveryId) {
    principal.require(Scope.WEBHOOKS_WRITE);
    return actions.redeliver(principal.organizationId(), webhookId, deliveryId);
  }

  @PostMapping("/recover")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, Object> recover(
      @AuthenticationPrincipal ApiPrincipal principal,
      @PathVariable String webhookId,
      @RequestBody(required = false) RecoverRequest body) {
    principal.require(Scope.WEBHOOKS_WRITE);
    return actions.recover(
        principal.organizationId(), webhookId, body == null ? null : body.since());
  }

  @PostMapping("/test")
  Map<String, Object> test(
      @AuthenticationPrincipal ApiPrincipal principal,
      @PathVariable String webhookId,
      @RequestBody(required = false) TestRequest body) {
    principal.require(Scope.WEBHOOKS_WRITE);
    return actions.test(principal.organizationId(), webhookId, body == null ? null : body.event());
  }
}
