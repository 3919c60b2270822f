package com.verk.server.dashboard;

import com.verk.server.tenancy.RolePolicy;
import java.io.Serializable;
import java.util.Locale;

/** Who is signed in to the dashboard: one member of one organization. */
public record DashboardUser(String memberId, String orgId, String role, String email, String name)
    implements Serializable {

  /** Owners and admins manage webhooks, keys and the team; members only look. */
  public boolean canManage() {
    return "owner".equals(role) || "admin".equals(role);
  }

  /** Whether this user may change the role of, or remove, a member whose role is {@code role}. */
  public boolean mayTouch(String role) {
    return RolePolicy.mayTouch(RolePolicy.Actor.ofRole(this.role), role);
  }

  /** The roles this user may give. */
  public java.util.List<String> grantableRoles() {
    return "owner".equals(role) ? RolePolicy.ROLES : java.util.List.of("admin", "member");
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
