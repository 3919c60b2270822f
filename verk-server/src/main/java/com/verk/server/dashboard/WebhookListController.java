package com.verk.server.dashboard;

import com.verk.server.alerts.AlertLog;
import com.verk.server.tenancy.Organization;
import com.verk.server.tenancy.Organizations;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → Integrations → Webhooks: every webhook with its state (failing and disabled ones stand
 * out), health and the plan usage; the organization's recent alerts and the signed-in member's
 * choice to receive alert emails.
 */
@Controller
class WebhookListController {

  private final WebhookList webhooks;
  private final WebhookHealth health;
  private final Organizations organizations;
  private final AlertLog alerts;
  private final DeliveryCharts charts;
  private final ChartSvg svg;

  WebhookListController(
      WebhookList webhooks,
      WebhookHealth health,
      Organizations organizations,
      AlertLog alerts,
      DeliveryCharts charts,
      ChartSvg svg) {
    this.charts = charts;
    this.svg = svg;
    this.webhooks = webhooks;
    this.health = health;
    this.organizations = organizations;
    this.alerts = alerts;
  }

  @GetMapping(DashboardSecurityConfig.HOME)
  String list(@AuthenticationPrincipal DashboardUser me, Model model) {
    Organization org = organizations.get(me.orgId());
    List<WebhookList.Item> items = webhooks.all(me.orgId());
    model.addAttribute("nav", "webhooks");
    model.addAttribute("webhooks", items);
    model.addAttribute("health", health.forOrganization(me.orgId()));
    Map<String, DeliveryCharts.Trend> trends = charts.trends(me.orgId());
    DeliveryCharts.Trend none = charts.emptyTrend();
    model.addAttribute(
        "trends",
        items.stream()
            .collect(
                Collectors.toMap(
                    WebhookList.Item::id,
                    w -> svg.cell(w.id(), trends.getOrDefault(w.id(), none)))));
    model.addAttribute("usage", PlanUsage.of(org.plan(), items.size()));
    model.addAttribute("openAlerts", alerts.open(me.orgId()));
    model.addAttribute("recentAlerts", alerts.recent(me.orgId(), 10));
    model.addAttribute("alertEmailsOn", alerts.emailsOn(me.orgId(), me.memberId()));
    model.addAttribute("mailConfigured", alerts.mailConfigured());
    return "dashboard/webhooks/list";
  }

  /** The signed-in owner or admin turns the alert emails on or off for themselves. */
  @PostMapping(DashboardSecurityConfig.HOME + "/alert-emails")
  String alertEmails(
      @AuthenticationPrincipal DashboardUser me,
      @RequestParam boolean on,
      RedirectAttributes redirect) {
    alerts.setEmails(me.orgId(), me.memberId(), on);
    Flash.success(
        redirect,
        on
            ? "You will receive an email when a webhook fails, is disabled or recovers."
            : "You will no longer receive alert emails. Alerts still show on this page.");
    return "redirect:" + DashboardSecurityConfig.HOME + "#alerts";
  }
}
