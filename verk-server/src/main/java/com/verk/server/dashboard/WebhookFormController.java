package com.verk.server.dashboard;

import com.verk.server.system.ApiException;
import com.verk.server.tenancy.Organizations;
import com.verk.server.webhooks.Webhook;
import com.verk.server.webhooks.Webhooks;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "+ Create Webhook" and the edit form. The rules are the webhooks package's: its validation errors
 * are shown next to the fields they name.
 */
@Controller
class WebhookFormController {

  static final String BASE = DashboardSecurityConfig.HOME;

  private final Webhooks webhooks;
  private final WebhookList list;
  private final Organizations organizations;

  WebhookFormController(Webhooks webhooks, WebhookList list, Organizations organizations) {
    this.webhooks = webhooks;
    this.list = list;
    this.organizations = organizations;
  }

  @GetMapping(BASE + "/new")
  String createForm(
      @AuthenticationPrincipal DashboardUser me, Model model, RedirectAttributes redirect) {
    PlanUsage usage = usage(me);
    if (usage.full()) {
      Flash.error(redirect, limitMessage(usage));
      return "redirect:" + BASE;
    }
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", new WebhookForm());
    }
    return createPage(model, usage);
  }

  @PostMapping(BASE)
  String create(
      @AuthenticationPrincipal DashboardUser me,
      @ModelAttribute("form") WebhookForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      Webhooks.Created created =
          webhooks.create(
              me.orgId(),
              new Webhooks.NewWebhook(
                  form.getUrl(),
                  form.chosenEvents(),
                  form.chosenSecret(),
                  form.getDescription(),
                  form.chosenHeaders(),
                  form.chosenRateLimit()));
      // A flash attribute lives for exactly one page view: the secret is shown once.
      redirect.addFlashAttribute("newSecret", created.secret());
      redirect.addFlashAttribute("newSecretKind", "created");
      Flash.success(redirect, "Webhook created. Copy its secret now: it will not be shown again.");
      return "redirect:" + BASE + "/" + created.webhook().id();
    } catch (ApiException e) {
      if ("plan_limit_reached".equals(e.code())) {
        Flash.error(redirect, limitMessage(usage(me)));
        return "redirect:" + BASE;
      }
      response.setStatus(400);
      model.addAttribute("problems", WebhookForm.errors(e));
      return createPage(model, usage(me));
    }
  }

  @GetMapping(BASE + "/{id}/edit")
  String editForm(@AuthenticationPrincipal DashboardUser me, @PathVariable String id, Model model) {
    Webhook webhook = webhooks.get(me.orgId(), id);
    if (!model.containsAttribute("form")) {
      WebhookForm form = new WebhookForm();
      form.setUrl(webhook.url());
      form.setEvents(new java.util.ArrayList<>(webhook.events()));
      form.setDescription(webhook.description());
      form.setHeaders(WebhookForm.namesOnly(webhook.headerNames()));
      form.setRateLimit(webhook.rateLimit() == null ? "" : webhook.rateLimit().toString());
      model.addAttribute("form", form);
    }
    return editPage(model, webhook);
  }

  @PostMapping(BASE + "/{id}")
  String update(
      @AuthenticationPrincipal DashboardUser me,
      @PathVariable String id,
      @ModelAttribute("form") WebhookForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      webhooks.update(
          me.orgId(),
          id,
          new Webhooks.Changes(
              form.getUrl(),
              form.chosenEvents(),
              form.getDescription(),
              null,
              null,
              webhooks.keepingStoredValues(me.orgId(), id, form.chosenHeaders()),
              form.chosenRateLimit()));
      Flash.success(redirect, "Webhook saved.");
      return "redirect:" + BASE + "/" + id;
    } catch (ApiException e) {
      if (e.status().value() == 404) {
        throw e;
      }
      response.setStatus(400);
      model.addAttribute("problems", WebhookForm.errors(e));
      return editPage(model, webhooks.get(me.orgId(), id));
    }
  }

  private String createPage(Model model, PlanUsage usage) {
    model.addAttribute("nav", "webhooks");
    model.addAttribute("usage", usage);
    model.addAttribute("groups", EventChoices.groups());
    model.addAttribute("editing", false);
    return "dashboard/webhooks/form";
  }

  private String editPage(Model model, Webhook webhook) {
    model.addAttribute("nav", "webhooks");
    model.addAttribute("webhook", webhook);
    model.addAttribute("groups", EventChoices.groups());
    model.addAttribute("editing", true);
    return "dashboard/webhooks/form";
  }

  private PlanUsage usage(DashboardUser me) {
    return PlanUsage.of(organizations.get(me.orgId()).plan(), list.all(me.orgId()).size());
  }

  static String limitMessage(PlanUsage usage) {
    return "Your "
        + usage.planName()
        + " plan allows "
        + usage.limit()
        + " webhooks and all of them are in use. Delete one, or upgrade the plan to add more.";
  }
}
