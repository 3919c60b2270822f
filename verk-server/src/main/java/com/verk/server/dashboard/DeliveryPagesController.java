package com.verk.server.dashboard;

import com.verk.server.delivery.DeliveryDetail;
import com.verk.server.delivery.DeliveryService;
import com.verk.server.delivery.TestResult;
import com.verk.server.system.ApiException;
import com.verk.server.webhooks.Webhook;
import com.verk.server.webhooks.Webhooks;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Send Test (post, then redirect to the webhook's page), one delivery's page, redeliver. */
@Controller
class DeliveryPagesController {

  static final String BASE = DashboardSecurityConfig.HOME;

  private static final JsonMapper PRETTY =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final Webhooks webhooks;
  private final DeliveryService deliveries;

  DeliveryPagesController(Webhooks webhooks, DeliveryService deliveries) {
    this.webhooks = webhooks;
    this.deliveries = deliveries;
  }

  /**
   * Send Test, then back to the webhook's page (redirect after POST) with the result: that page
   * reads the delivery log and the last delivery afresh, so both show the test.
   */
  @PostMapping(BASE + "/{id}/test")
  String testByForm(
      @AuthenticationPrincipal DashboardUser me,
      @PathVariable String id,
      @RequestParam(defaultValue = "") String event,
      RedirectAttributes redirect) {
    try {
      redirect.addFlashAttribute("testResult", test(me, id, event));
    } catch (ApiException e) {
      if (e.status().value() == 404) {
        throw e;
      }
      Flash.error(redirect, "Send Test failed: " + e.getMessage());
    }
    return "redirect:" + BASE + "/" + id + "#send-test";
  }

  @GetMapping(BASE + "/{id}/deliveries/{deliveryId}")
  String delivery(
      @AuthenticationPrincipal DashboardUser me,
      @PathVariable String id,
      @PathVariable String deliveryId,
      Model model) {
    Webhook webhook = webhooks.get(me.orgId(), id);
    model.addAttribute("nav", "webhooks");
    model.addAttribute("webhook", webhook);
    DeliveryDetail delivery = deliveries.get(me.orgId(), id, deliveryId);
    model.addAttribute("delivery", delivery);
    // The body as sent (the signed string) and, beside it, indented for reading.
    model.addAttribute("bodyPretty", pretty(delivery.request().body()));
    model.addAttribute("bodyBytes", bytes(delivery.request().body()));
    return "dashboard/webhooks/delivery";
  }

  @PostMapping(BASE + "/{id}/deliveries/{deliveryId}/redeliver")
  String redeliver(
      @AuthenticationPrincipal DashboardUser me,
      @PathVariable String id,
      @PathVariable String deliveryId,
      RedirectAttributes redirect) {
    try {
      deliveries.redeliver(me.orgId(), id, deliveryId);
      Flash.success(redirect, "Delivery queued again; it is sent within seconds.");
    } catch (ApiException e) {
      if (e.status().value() == 404) {
        throw e;
      }
      Flash.error(redirect, e.getMessage());
    }
    return "redirect:" + BASE + "/" + id + "/deliveries/" + deliveryId;
  }

  /** The size of the body as sent, in UTF-8 bytes. */
  static int bytes(String body) {
    return body == null ? 0 : body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  /** The request body indented for reading; shown as sent when it is not JSON. */
  static String pretty(String body) {
    if (body == null) {
      return "";
    }
    try {
      return PRETTY.writeValueAsString(PRETTY.readTree(body));
    } catch (JacksonException e) {
      return body;
    }
  }

  /** Send Test's result as the page shows it: the API's record, the event and a link. */
  record TestShown(
      String deliveryId,
      boolean success,
      Integer responseStatus,
      Long responseTimeMs,
      String error,
      String event,
      String deliveryUrl) {}

  private TestShown test(DashboardUser me, String id, String event) {
    TestResult result = deliveries.test(me.orgId(), id, event);
    return new TestShown(
        result.deliveryId(),
        result.success(),
        result.responseStatus(),
        result.responseTimeMs(),
        result.error(),
        event,
        BASE + "/" + id + "/deliveries/" + result.deliveryId());
  }
}
