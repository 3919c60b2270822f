package com.verk.server.dashboard;

import com.verk.server.tenancy.Organization;
import com.verk.server.tenancy.Organizations;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Settings → Integrations → Webhooks: every webhook with its state, health and the plan usage. */
@Controller
class WebhookListController {

  private final WebhookList webhooks;
  private final WebhookHealth health;
  private final Organizations organizations;

  WebhookListController(WebhookList webhooks, WebhookHealth health, Organizations organizations) {
    this.webhooks = webhooks;
    this.health = health;
    this.organizations = organizations;
  }

  @GetMapping(DashboardSecurityConfig.HOME)
  String list(@AuthenticationPrincipal DashboardUser me, Model model) {
    Organization org = organizations.get(me.orgId());
    List<WebhookList.Item> items = webhooks.all(me.orgId());
    model.addAttribute("nav", "webhooks");
    model.addAttribute("webhooks", items);
    model.addAttribute("health", health.forOrganization(me.orgId()));
    model.addAttribute("usage", PlanUsage.of(org.plan(), items.size()));
    return "dashboard/webhooks/list";
  }
}
