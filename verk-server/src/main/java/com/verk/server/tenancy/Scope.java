package com.verk.server.tenancy;

import java.util.Arrays;
import java.util.Optional;

/** What an API key may do. A write scope implies the matching read scope. */
public enum Scope {
  WEBHOOKS_READ("webhooks:read"),
  WEBHOOKS_WRITE("webhooks:write"),
  WORKSPACE_READ("workspace:read"),
  WORKSPACE_WRITE("workspace:write"),
  KEYS_WRITE("keys:write");

  private final String wireName;

  Scope(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in the API, e.g. {@code webhooks:write}. */
  public String wireName() {
    return wireName;
  }

  /** Whether holding this scope grants {@code wanted}. */
  public boolean grants(Scope wanted) {
    return this == wanted
        || (this == WEBHOOKS_WRITE && wanted == WEBHOOKS_READ)
        || (this == WORKSPACE_WRITE && wanted == WORKSPACE_READ);
  }

  /** The scope with this wire name, if any. */
  public static Optional<Scope> fromWireName(String name) {
    return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
  }
}
