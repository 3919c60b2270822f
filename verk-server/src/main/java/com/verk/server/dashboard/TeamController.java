package com.verk.server.dashboard;

import com.verk.server.system.ApiException;
import com.verk.server.tenancy.RolePolicy;
import com.verk.server.workspace.Member;
import com.verk.server.workspace.Members;
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
  private final Members members;

  TeamController(Team team, Members members) {
    this.team = team;
    this.members = members;
  }

  /** Changes a role under the same rule as the API ({@link RolePolicy}). */
  @PostMapping("/settings/team/{memberId}/role")
  String changeRole(
      @AuthenticationPrincipal DashboardUser me,
      @PathVariable String memberId,
      @RequestParam(defaultValue = "") String role,
      RedirectAttributes redirect) {
    try {
      Member changed =
          members.changeRole(me.orgId(), memberId, role, RolePolicy.Actor.ofRole(me.role()));
      Flash.success(
          redirect,
          changed.email()
              + " is now "
              + changed.role()
              + (RolePolicy.keepsKeys(changed.role())
                  ? "."
                  : "; the API keys they made are revoked."));
    } catch (ApiException e) {
      if (e.status().value() == 404) {
        throw e;
      }
      Flash.error(redirect, e.getMessage() + ".");
    }
    return "redirect:/settings/team";
  }

  /** Removes a member (their keys are revoked, their tasks unassigned), as the API does. */
  @PostMapping("/settings/team/{memberId}/remove")
  String remove(
      @AuthenticationPrincipal DashboardUser me,
      @PathVariable String memberId,
      RedirectAttributes redirect) {
    try {
      Member member = members.get(me.orgId(), memberId);
      members.remove(me.orgId(), memberId, RolePolicy.Actor.ofRole(me.role()));
      Flash.success(redirect, member.email() + " is removed; the API keys they made are revoked.");
    } catch (ApiException e) {
      if (e.status().value() == 404) {
        throw e;
      }
      Flash.error(redirect, e.getMessage() + ".");
    }
    return "redirect:/settings/team";
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
