package com.verk.server.alerts;

import com.verk.server.system.VerkProperties;

/**
 * What the delivery engine needs to raise alerts: the rule's numbers, whether emails are queued
 * (only when a mail server is configured), and who to wake after an email was queued.
 */
public record Alerting(VerkProperties.Alerts settings, boolean emails, Runnable mailerWakeup) {

  /** The rule raises alerts and events; no email is queued. */
  public static Alerting withoutEmail(VerkProperties.Alerts settings) {
    return new Alerting(settings, false, () -> {});
  }
}
