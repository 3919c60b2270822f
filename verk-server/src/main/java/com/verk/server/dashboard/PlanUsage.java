package com.verk.server.dashboard;

import com.verk.server.tenancy.Plan;
import java.util.Locale;

/** "2 of 2 webhooks on Free": how much of the plan's webhook limit is used. */
record PlanUsage(Plan plan, int used) {

  static PlanUsage of(Plan plan, int used) {
    return new PlanUsage(plan, used);
  }

  public boolean unlimited() {
    return plan.unlimited();
  }

  public int limit() {
    return plan.webhookLimit();
  }

  public boolean full() {
    return !plan.unlimited() && used >= plan.webhookLimit();
  }

  public String planName() {
    return plan.wireName().substring(0, 1).toUpperCase(Locale.ROOT) + plan.wireName().substring(1);
  }

  public String summary() {
    String noun = used == 1 ? "webhook" : "webhooks";
    return unlimited()
        ? used + " " + noun + " on " + planName() + " (unlimited)"
        : used + " of " + limit() + " webhooks on " + planName();
  }
}
