package com.verk.server.dashboard;

import com.verk.server.system.ApiException;
import com.verk.server.tenancy.Organization;
import com.verk.server.tenancy.Organizations;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every dashboard page needs (who is signed in, the organization) and the HTML answer to
 * failures, so that a foreign or unknown id shows a 404 page instead of a problem document.
 */
@ControllerAdvice(basePackageClasses = ShellAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ShellAdvice {

  private static final Logger log = LoggerFactory.getLogger(ShellAdvice.class);

  private final Organizations organizations;

  ShellAdvice(Organizations organizations) {
    this.organizations = organizations;
  }

  @ModelAttribute("me")
  DashboardUser me(@AuthenticationPrincipal DashboardUser user) {
    return user;
  }

  @ModelAttribute("org")
  Organization org(@AuthenticationPrincipal DashboardUser user) {
    return user == null ? null : organizations.find(user.orgId()).orElse(null);
  }

  @ExceptionHandler(ApiException.class)
  String apiException(ApiException e, Model model, HttpServletResponse response) {
    int status = e.status().value();
    response.setStatus(status);
    model.addAttribute("status", status);
    model.addAttribute("heading", status == 404 ? "Not found" : e.title());
    model.addAttribute(
        "detail",
        status == 404
            ? "This page does not exist, or it belongs to another organization."
            : e.getMessage());
    return "dashboard/error";
  }

  @ExceptionHandler(RuntimeException.class)
  String unexpected(RuntimeException e, Model model, HttpServletResponse response) {
    log.error("Dashboard request failed", e);
    response.setStatus(500);
    model.addAttribute("status", 500);
    model.addAttribute("heading", "Something went wrong");
    model.addAttribute("detail", "The error was logged. Please try again in a moment.");
    return "dashboard/error";
  }
}
