package com.verk.server.dashboard;

import com.verk.server.system.VerkProperties;
import java.util.List;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The operator's egress addresses ({@code VERK_WEBHOOKS_EGRESS_IPS}) on the webhook create, edit
 * and detail pages, so customers know what to allow in their firewall.
 */
@ControllerAdvice(assignableTypes = {WebhookFormController.class, WebhookPageController.class})
class EgressAdvice {

  private final List<String> egressIps;

  EgressAdvice(VerkProperties properties) {
    this.egressIps = properties.webhooks().egressIps();
  }

  @ModelAttribute("egressIps")
  List<String> egressIps() {
    return egressIps;
  }
}
