package com.verk.server.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The 403 page (a member who tried to change something, or a form without a valid CSRF token) and
 * the 404 page for unknown dashboard addresses, both inside the dashboard's layout.
 */
@Controller
class ForbiddenController {

  static final String PATH = "/settings/forbidden";

  @RequestMapping(PATH)
  String forbidden(HttpServletRequest request, HttpServletResponse response, Model model) {
    response.setStatus(403);
    Object cause = request.getAttribute(WebAttributes.ACCESS_DENIED_403);
    boolean csrf = cause instanceof CsrfException;
    model.addAttribute("status", 403);
    model.addAttribute("heading", csrf ? "This form has expired" : "You can look, but not change");
    model.addAttribute(
        "detail",
        csrf
            ? "The page was open too long or came from another site. Go back, reload it and try again."
            : "Only owners and admins of this organization can change settings. Ask one of them to"
                + " make the change, or to give you the admin role.");
    return "dashboard/error";
  }

  /** Matches only what no other dashboard page matches: the more specific mappings win. */
  @GetMapping("/settings/**")
  String notFound(HttpServletResponse response, Model model) {
    response.setStatus(404);
    model.addAttribute("status", 404);
    model.addAttribute("heading", "Not found");
    model.addAttribute(
        "detail", "This page does not exist. Check the address, or start again from the menu.");
    return "dashboard/error";
  }
}
