package com.verk.server.dashboard;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page and the entry points that lead to the dashboard's home. */
@Controller
class SignInController {

  @GetMapping("/login")
  String login(@AuthenticationPrincipal DashboardUser user) {
    return user == null ? "dashboard/login" : "redirect:" + DashboardSecurityConfig.HOME;
  }

  @GetMapping("/")
  String home() {
    return "redirect:" + DashboardSecurityConfig.HOME;
  }

  @GetMapping("/favicon.ico")
  String favicon() {
    return "redirect:/assets/favicon.svg";
  }
}
