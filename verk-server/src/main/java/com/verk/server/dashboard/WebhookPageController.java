package com.verk.server.dashboard;

import com.verk.server.alerts.AlertLog;
import com.verk.server.delivery.DeliveryService;
import com.verk.server.delivery.DeliverySummary;
import com.verk.server.events.EventType;
import com.verk.server.system.ApiException;
import com.verk.server.system.Page;
import com.verk.server.webhooks.Webhook;
import com.verk.server.webhooks.Webhooks;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A webhook's page: its settings and state, Send Test, the Delivery Log, and the actions that
 * change it (disable, re-enable, re-enable and recover, rotate the secret, delete).
 */
@Controller
class WebhookPageController {

  static final String BASE = DashboardSecurityConfig.HOME;
  static final List<String> STATUSES = List.of("pending", "succeeded", "failed", "skipped");

  private final Webhooks webhooks;
  private final DeliveryService deliveries;
  private final WebhookHealth health;
  private final TransactionTemplate tx;
  private final AlertLog alerts;
  private final DeliveryCharts charts;
  private final ChartSvg svg;

  WebhookPageController(
      Webhooks webhooks,
      DeliveryService deliveries,
      WebhookHealth health,
      AlertLog alerts,
      DeliveryCharts charts,
      ChartSvg svg,
      PlatformTransactionManager transactions) {
    this.charts = charts;
    this.svg = svg;
    this.webhooks = webhooks;
    this.deliveries = deliveries;
    this.health = health;
    this.alerts = alerts;
    this.tx = new TransactionTemplate(transactions);
  }

  @GetMapping(BASE + "/{id}")
  String show(
      @AuthenticationPrincipal DashboardUser me,
      @PathVariable String id,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String event,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String cursor,
      Model model) {
    Webhook webhook = webhooks.get(me.orgId(), id);
    LogSearch search = LogSearch.of(status, event, q, from, to);
    Page<DeliverySummary> log;
    try {
      log = deliveries.list(me.orgId(), id, search.filter(), blankToNull(cursor));
    } catch (ApiException e) {
      if (!"validation_failed".equals(e.code())) {
        throw e;
      }
      // A cursor or search a person edited into the URL: the newest page, unsearched, and why.
      search = search.refused(problem(e));
      log = deliveries.list(me.orgId(), id, search.filter(), null);
    }
    model.addAttribute("nav", "webhooks");
    model.addAttribute("webhook", webhook);
    model.addAttribute("log", log);
    model.addAttribute("search", search);
    model.addAttribute("firstPage", blankToNull(cursor) == null);
    model.addAttribute("statuses", STATUSES);
    model.addAttribute("eventTypes", Arrays.asList(EventType.values()));
    model.addAttribute("testEvents", testEvents(webhook.events()));
    model.addAttribute(
        "testEvent", webhook.events().isEmpty() ? "task.created" : webhook.events().get(0));
    model.addAttribute("health", health.forWebhook(me.orgId(), id));
    model.addAttribute("recoverSince", UtcInput.show(health.recoverFrom(me.orgId(), id)));
    model.addAttribute("utcFormat", UtcInput.FORMAT);
    model.addAttribute(
        "failing", webhook.active() ? alerts.openFailing(me.orgId(), id).orElse(null) : null);
    model.addAttribute("chartRows", svg.rows(charts.forWebhook(me.orgId(), id)));
    return "dashboard/webhooks/show";
  }

  /** Send Test's choices: the webhook's subscribed types first, then every other type. */
  record TestEvents(List<String> subscribed, List<String> others) {}

  static TestEvents testEvents(List<String> subscribed) {
    List<String> others =
        Arrays.stream(EventType.values())
            .map(EventType::wireName)
            .filter(t -> !subscribed.contains(t))
            .toList();
    return new TestEvents(List.copyOf(subscribed), others);
  }

  @PostMapping(BASE + "/{id}/disable")
  String disable(
      @AuthenticationPrincipal DashboardUser me,
      @PathVariable String id,
      RedirectAttributes redirect) {
    webhooks.update(me.orgId(), id, new Webhooks.Changes(null, null, null, null, false));
    Flash.info(
        redirect, "Webhook disabled. New events are logged as skipped until you re-enable it.");
    return "redirect:" + BASE + "/" + id;
  }

  @PostMapping(BASE + "/{id}/enable")
  String enable(
      @AuthenticationPrincipal DashboardUser me,
      @PathVariable String id,
      @RequestParam(required = false) String since,
      RedirectAttributes redirect) {
    webhooks.get(me.orgId(), id);
    Instant from = null;
    if (since != null) {
      Optional<UtcInput> parsed = UtcInput.parse(since);
      if (parsed.isEmpty()) {
        // Checked before anything changes: a refused form leaves the webhook as it was.
        Flash.error(
            redirect,
            "Type the UTC date and time from which to recover as "
                + UtcInput.FORMAT
                + ", e.g. 2024-01-15 10:30.");
        return "redirect:" + BASE + "/" + id;
      }
      from = parsed.get().start();
    }
    Instant recoverFrom = from;
    // Re-enabling and recovering commit together: if the recovery fails, the webhook stays as it
    // was.
    Integer queued =
        tx.execute(
            status -> {
              webhooks.update(me.orgId(), id, new Webhooks.Changes(null, null, null, null, true));
              return recoverFrom == null ? null : deliveries.recover(me.orgId(), id, recoverFrom);
            });
    if (recoverFrom == null) {
      Flash.success(redirect, "Webhook re-enabled. Watch the delivery log for the next success.");
    } else {
      Flash.success(
          redirect,
          "Webhook re-enabled; "
              + queued
              + " failed or skipped deliveries since "
              + UtcInput.show(recoverFrom.toEpochMilli())
              + " UTC are queued again.");
    }
    return "redirect:" + BASE + "/" + id;
  }

  @PostMapping(BASE + "/{id}/rotate-secret")
  String rotate(
      @AuthenticationPrincipal DashboardUser me,
      @PathVariable String id,
      RedirectAttributes redirect) {
    Webhooks.Rotated rotated = webhooks.rotateSecret(me.orgId(), id, null);
    redirect.addFlashAttribute("newSecret", rotated.secret());
    redirect.addFlashAttribute("newSecretKind", "rotated");
    redirect.addFlashAttribute("previousSecretExpiresAt", rotated.previousSecretExpiresAt());
    Flash.success(redirect, "Secret rotated. Copy the new secret now: it will not be shown again.");
    return "redirect:" + BASE + "/" + id;
  }

  @PostMapping(BASE + "/{id}/delete")
  String delete(
      @AuthenticationPrincipal DashboardUser me,
      @PathVariable String id,
      RedirectAttributes redirect) {
    Webhook webhook = webhooks.get(me.orgId(), id);
    webhooks.delete(me.orgId(), id);
    Flash.success(redirect, "Webhook " + webhook.url() + " deleted, with its delivery log.");
    return "redirect:" + BASE;
  }

  /** A refused search for people: the ID field is the form's "q", the rest keep their names. */
  private static String problem(ApiException e) {
    if (e.errors().isEmpty()) {
      return e.getMessage();
    }
    ApiException.FieldError error = e.errors().get(0);
    String field =
        switch (error.field()) {
          case "deliveryId", "objectId" -> "the ID";
          case "cursor" -> "the page link";
          default -> error.field();
        };
    return field + " " + error.message();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
