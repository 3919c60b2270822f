package com.verk.server.dashboard;

import com.verk.server.system.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The organization's members as the Team page shows them, and their dashboard passwords. */
@Component
class Team {

  static final int MIN_PASSWORD = 10;
  static final int MAX_PASSWORD = 128;

  /** One member; {@code canSignIn} when a dashboard password is set. */
  record Member(String id, String email, String name, String role, boolean canSignIn) {}

  private final JdbcClient jdbc;
  private final PasswordEncoder passwords;
  private final Clock clock;

  Team(JdbcClient jdbc, PasswordEncoder passwords, Clock clock) {
    this.jdbc = jdbc;
    this.passwords = passwords;
    this.clock = clock;
  }

  List<Member> members(String orgId) {
    return jdbc.sql(
            "SELECT id, email, name, role, password_hash IS NOT NULL AS can_sign_in FROM members"
                + " WHERE org_id = ? ORDER BY CASE role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1"
                + " ELSE 2 END, name, email")
        .param(orgId)
        .query(
            (rs, n) ->
                new Member(
                    rs.getString("id"),
                    rs.getString("email"),
                    rs.getString("name"),
                    rs.getString("role"),
                    rs.getBoolean("can_sign_in")))
        .list();
  }

  Optional<Member> member(String orgId, String memberId) {
    return members(orgId).stream().filter(m -> m.id().equals(memberId)).findFirst();
  }

  /**
   * Sets a member's dashboard password. Owners may set anyone's; admins their own and plain
   * members', so that an admin cannot take over an owner's or another admin's account.
   */
  @Transactional
  void setPassword(DashboardUser actor, String memberId, String password) {
    Member target =
        member(actor.orgId(), memberId)
            .orElseThrow(() -> ApiException.notFound("Member", memberId));
    boolean allowed =
        "owner".equals(actor.role())
            || actor.memberId().equals(memberId)
            || ("admin".equals(actor.role()) && "member".equals(target.role()));
    if (!allowed) {
      throw ApiException.forbidden("Only an owner can set the password of an owner or an admin");
    }
    if (password == null || password.length() < MIN_PASSWORD) {
      throw ApiException.invalid("password", "must be at least " + MIN_PASSWORD + " characters");
    }
    if (password.length() > MAX_PASSWORD) {
      throw ApiException.invalid("password", "must be at most " + MAX_PASSWORD + " characters");
    }
    jdbc.sql("UPDATE members SET password_hash = ?, updated_at = ? WHERE id = ? AND org_id = ?")
        .params(passwords.encode(password), clock.millis(), memberId, actor.orgId())
        .update();
  }
}
