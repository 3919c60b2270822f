package com.verk.server.dashboard;

import java.io.Serializable;
import java.util.Locale;

/** Who is signed in to the dashboard: one member of one organization. */
public record DashboardUser(String memberId, String orgId, String role, String email, String name)
    implements Serializable {

  /** Owners and admins manage webhooks, keys and the team; members only look. */
  public boolean canManage() {
    return "owner".equals(role) || "admin".equals(role);
  }

  String authority() {
    return "ROLE_" + role.toUpperCase(Locale.ROOT);
  }

  public String initials() {
    String source = name == null || name.isBlank() ? email : name;
    String[] parts = source.trim().split("[\\s@._-]+");
    StringBuilder out = new StringBuilder();
    for (String part : parts) {
      if (!part.isEmpty() && out.length() < 2) {
        out.append(Character.toUpperCase(part.charAt(0)));
      }
    }
    return out.isEmpty() ? "?" : out.toString();
  }
}
