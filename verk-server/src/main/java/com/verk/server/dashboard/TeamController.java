package com.verk.server.dashboard;

import com.verk.server.system.ApiException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings → Team: who is in the organization, and dashboard passwords for them. */
@Controller
class TeamController {

  private final Team team;

  TeamController(Team team) {
    this.team = team;
  }

  @GetMapping("/settings/team")
  String team(@AuthenticationPrincipal DashboardUser me, Model model) {
    model.addAttribute("nav", "team");
    model.addAttribute("members", team.members(me.orgId()));
    model.addAttribute("minPassword", Team.MIN_PASSWORD);
    return "dashboard/team";
  }

  @PostMapping("/settings/team/{memberId}/password")
  String setPassword(
      @AuthenticationPrincipal DashboardUser me,
      @PathVariable String memberId,
      @RequestParam(defaultValue = "") String password,
      RedirectAttributes redirect) {
    try {
      team.setPassword(me, memberId, password);
      Team.Member member = team.member(me.orgId(), memberId).orElseThrow();
      Flash.success(redirect, "Password set for " + member.email() + ". They can sign in now.");
    } catch (ApiException e) {
      if (e.status().value() == 404) {
        throw e;
      }
      if (e.status().value() == 403) {
        Flash.error(redirect, e.getMessage() + ".");
        return "redirect:/settings/team";
      }
      redirect.addFlashAttribute(
          "passwordError", e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message());
      redirect.addFlashAttribute("passwordFor", memberId);
    }
    return "redirect:/settings/team";
  }
}
