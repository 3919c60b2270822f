package com.verk.server.dashboard;

import com.verk.server.system.ApiException;
import com.verk.server.tenancy.ApiKeyService;
import com.verk.server.tenancy.Scope;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings → API keys: create a key with chosen scopes (shown once), list, revoke. */
@Controller
class ApiKeysPageController {

  static final String BASE = "/settings/api-keys";

  /** What each scope allows, in the words of the API reference. */
  static final Map<Scope, String> SCOPE_HELP =
      Map.of(
          Scope.WEBHOOKS_READ, "List webhooks, their deliveries and event types",
          Scope.WEBHOOKS_WRITE, "Create, change, test and delete webhooks (includes read)",
          Scope.WORKSPACE_READ, "Read projects, tasks, comments, files and members",
          Scope.WORKSPACE_WRITE,
              "Change projects, tasks, comments, files and members (includes read)",
          Scope.KEYS_WRITE, "Create and revoke API keys");

  private final ApiKeyService keys;

  ApiKeysPageController(ApiKeyService keys) {
    this.keys = keys;
  }

  @GetMapping(BASE)
  String list(@AuthenticationPrincipal DashboardUser me, Model model) {
    model.addAttribute("nav", "keys");
    model.addAttribute("keys", keys.list(me.orgId()));
    model.addAttribute("scopes", List.of(Scope.values()));
    model.addAttribute("scopeHelp", SCOPE_HELP);
    return "dashboard/api-keys";
  }

  @PostMapping(BASE)
  String create(
      @AuthenticationPrincipal DashboardUser me,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(required = false) List<String> scopes,
      RedirectAttributes redirect) {
    try {
      ApiKeyService.IssuedKey issued =
          keys.create(
              me.orgId(),
              me.memberId(),
              name,
              ApiKeyService.parseScopes(scopes == null ? List.of() : scopes));
      // Shown on the next page view only, like the API's one-time answer.
      redirect.addFlashAttribute("newKey", issued.key());
      redirect.addFlashAttribute("newKeyName", issued.info().name());
      Flash.success(redirect, "API key created. Copy it now: it will not be shown again.");
    } catch (ApiException e) {
      redirect.addFlashAttribute("keyProblems", WebhookForm.errors(e));
      redirect.addFlashAttribute("keyName", name);
      redirect.addFlashAttribute("keyScopes", scopes == null ? List.of() : scopes);
    }
    return "redirect:" + BASE;
  }

  @PostMapping(BASE + "/{id}/revoke")
  String revoke(
      @AuthenticationPrincipal DashboardUser me,
      @PathVariable String id,
      RedirectAttributes redirect) {
    String name =
        keys.list(me.orgId()).stream()
            .filter(k -> k.id().equals(id))
            .map(ApiKeyService.ApiKeyInfo::name)
            .findFirst()
            .orElseThrow(() -> ApiException.notFound("API key", id));
    keys.revoke(me.orgId(), id);
    Flash.success(
        redirect, "API key \"" + name + "\" revoked. Requests with it are refused from now on.");
    return "redirect:" + BASE;
  }
}
