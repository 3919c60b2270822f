package com.verk.server.dashboard;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A one-time message shown at the top of the next page, e.g. after a redirect. */
record Flash(String kind, String message) {

  static void success(RedirectAttributes redirect, String message) {
    redirect.addFlashAttribute("flash", new Flash("success", message));
  }

  static void error(RedirectAttributes redirect, String message) {
    redirect.addFlashAttribute("flash", new Flash("error", message));
  }

  static void info(RedirectAttributes redirect, String message) {
    redirect.addFlashAttribute("flash", new Flash("info", message));
  }
}
