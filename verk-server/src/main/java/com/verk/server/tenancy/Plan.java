package com.verk.server.tenancy;

import java.util.Arrays;
import java.util.Optional;

/** Plans and their webhook limits, as the spec's "Plan availability" lists them. */
public enum Plan {
  FREE("free", 2),
  PRO("pro", 50),
  ENTERPRISE("enterprise", Integer.MAX_VALUE);

  private final String wireName;
  private final int webhookLimit;

  Plan(String wireName, int webhookLimit) {
    this.wireName = wireName;
    this.webhookLimit = webhookLimit;
  }

  public String wireName() {
    return wireName;
  }

  /** How many webhooks an organization on this plan may have; MAX_VALUE means unlimited. */
  public int webhookLimit() {
    return webhookLimit;
  }

  public boolean unlimited() {
    return webhookLimit == Integer.MAX_VALUE;
  }

  public static Optional<Plan> fromWireName(String name) {
    return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
  }
}
