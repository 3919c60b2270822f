package com.verk.server.dashboard;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read access to members for sign-in and for refreshing a signed-in member's role. */
@Component
class MemberAccounts {

  /** A member who may sign in, with the stored bcrypt hash. */
  record Credentials(DashboardUser user, String passwordHash) {}

  private final JdbcClient jdbc;

  MemberAccounts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every member with this e-mail address and a password, oldest first (one per organization). */
  List<Credentials> withPassword(String email) {
    return jdbc.sql(
            "SELECT id, org_id, role, email, name, password_hash FROM members"
                + " WHERE email = ? AND password_hash IS NOT NULL ORDER BY created_at, id")
        .param(normalise(email))
        .query(
            (rs, n) ->
                new Credentials(
                    new DashboardUser(
                        rs.getString("id"),
                        rs.getString("org_id"),
                        rs.getString("role"),
                        rs.getString("email"),
                        rs.getString("name")),
                    rs.getString("password_hash")))
        .list();
  }

  /** The member as stored now, if it still exists and may still sign in. */
  Optional<DashboardUser> current(String orgId, String memberId) {
    return jdbc.sql(
            "SELECT id, org_id, role, email, name FROM members"
                + " WHERE id = ? AND org_id = ? AND password_hash IS NOT NULL")
        .params(memberId, orgId)
        .query(
            (rs, n) ->
                new DashboardUser(
                    rs.getString("id"),
                    rs.getString("org_id"),
                    rs.getString("role"),
                    rs.getString("email"),
                    rs.getString("name")))
        .optional();
  }

  static String normalise(String email) {
    return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
  }
}
