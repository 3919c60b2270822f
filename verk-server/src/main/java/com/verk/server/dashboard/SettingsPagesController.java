package com.verk.server.dashboard;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The pages the breadcrumbs name: Settings (everything an organization sets up) and Integrations
 * (webhooks and API keys). Each is a short index of links, readable without JavaScript.
 */
@Controller
class SettingsPagesController {

  @GetMapping("/settings")
  String settings(Model model) {
    model.addAttribute("section", "settings");
    return "dashboard/settings";
  }

  @GetMapping("/settings/integrations")
  String integrations(Model model) {
    model.addAttribute("section", "integrations");
    return "dashboard/settings";
  }
}
