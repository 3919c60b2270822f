package com.verk.server.workspace;

import com.verk.server.events.EventPublisher;
import com.verk.server.events.EventType;
import com.verk.server.system.ApiException;
import com.verk.server.system.Ids;
import com.verk.server.system.Pages;
import com.verk.server.system.Times;
import com.verk.server.tenancy.ApiKeyRevocations;
import com.verk.server.tenancy.Organizations;
import com.verk.server.tenancy.RolePolicy;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Members of an organization. Each mutation and its events commit together. Role changes and
 * removals serialise on the organization so that two requests cannot both remove "one of two"
 * owners and leave none.
 */
@Service
public class Members {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final EventPublisher events;
  private final Organizations organizations;
  private final Tasks tasks;
  private final ApiKeyRevocations revocations;

  Members(
      JdbcClient jdbc,
      Clock clock,
      EventPublisher events,
      Organizations organizations,
      Tasks tasks,
      ApiKeyRevocations revocations) {
    this.jdbc = jdbc;
    this.revocations = revocations;
    this.clock = clock;
    this.events = events;
    this.organizations = organizations;
    this.tasks = tasks;
  }

  @Transactional
  public Member add(String orgId, String email, String name, String role, RolePolicy.Actor actor) {
    String normalised = Inputs.email(email);
    String cleanName = Inputs.required("name", name, Inputs.MAX_NAME);
    String cleanRole = Inputs.oneOf("role", role, Member.ROLES);
    RolePolicy.checkAdd(actor, cleanRole);
    organizations.lockForUpdate(orgId);
    if (findByEmail(orgId, normalised).isPresent()) {
      throw duplicateEmail();
    }
    long now = clock.millis();
    Member member = new Member(Ids.next("user"), normalised, cleanName, cleanRole, now, now);
    try {
      jdbc.sql(
              "INSERT INTO members (id, org_id, email, name, role, created_at, updated_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?)")
          .params(member.id(), orgId, member.email(), member.name(), member.role(), now, now)
          .update();
    } catch (DuplicateKeyException e) {
      throw duplicateEmail();
    }
    events.publish(orgId, EventType.MEMBER_ADDED, member.data());
    return member;
  }

  @Transactional(readOnly = true)
  public List<Member> list(String orgId, Pages.Cursor after, int limit) {
    return jdbc.sql(
            "SELECT "
                + Member.COLUMNS
                + " FROM members WHERE org_id = ?"
                + " AND (created_at > ? OR (created_at = ? AND id > ?))"
                + " ORDER BY created_at, id LIMIT ?")
        .params(orgId, after.createdAt(), after.createdAt(), after.id(), limit + 1)
        .query(Member::map)
        .list();
  }

  public Optional<Member> find(String orgId, String id) {
    return jdbc.sql("SELECT " + Member.COLUMNS + " FROM members WHERE org_id = ? AND id = ?")
        .params(orgId, id)
        .query(Member::map)
        .optional();
  }

  public Member get(String orgId, String id) {
    return find(orgId, id).orElseThrow(() -> ApiException.notFound("Member", id));
  }

  /**
   * Changes a member's role as {@link RolePolicy} allows {@code actor}; a demotion to {@code
   * member} revokes the keys they made, in the same transaction.
   */
  @Transactional
  public Member changeRole(String orgId, String id, String role, RolePolicy.Actor actor) {
    String newRole = Inputs.oneOf("role", role, Member.ROLES);
    organizations.lockForUpdate(orgId);
    Member member = get(orgId, id);
    RolePolicy.checkChange(actor, member.role(), newRole);
    if (member.role().equals(newRole)) {
      return member;
    }
    if (member.role().equals("owner") && owners(orgId) == 1) {
      throw ApiException.conflict(
          "Member " + id + " is the last owner; make another member owner before demoting them");
    }
    long now = clock.millis();
    jdbc.sql("UPDATE members SET role = ?, updated_at = ? WHERE org_id = ? AND id = ?")
        .params(newRole, now, orgId, id)
        .update();
    if (!RolePolicy.keepsKeys(newRole)) {
      revokeKeys(orgId, id, now);
    }
    Member changed =
        new Member(id, member.email(), member.name(), newRole, member.createdAt(), now);
    Map<String, Object> data = changed.data();
    data.put("previousRole", member.role());
    events.publish(orgId, EventType.MEMBER_ROLE_CHANGED, data);
    return changed;
  }

  /**
   * Removes a member: their tasks become unassigned (each emits task.updated), their API keys are
   * revoked (a removed person keeps no access), then member.removed is emitted.
   */
  @Transactional
  public void remove(String orgId, String id, RolePolicy.Actor actor) {
    organizations.lockForUpdate(orgId);
    Member member = get(orgId, id);
    RolePolicy.checkRemove(actor, member.role());
    if (member.role().equals("owner") && owners(orgId) == 1) {
      throw ApiException.conflict(
          "Member "
              + id
              + " is the last owner and cannot be removed; make another member owner"
              + " first");
    }
    long now = clock.millis();
    tasks.unassignAll(orgId, id);
    revokeKeys(orgId, id, now);
    jdbc.sql("DELETE FROM members WHERE org_id = ? AND id = ?").params(orgId, id).update();
    Map<String, Object> data = member.data();
    data.put("removedAt", Times.iso(now));
    events.publish(orgId, EventType.MEMBER_REMOVED, data);
  }

  private void revokeKeys(String orgId, String memberId, long now) {
    jdbc.sql(
            "UPDATE api_keys SET revoked_at = ? WHERE org_id = ? AND member_id = ?"
                + " AND revoked_at IS NULL")
        .params(now, orgId, memberId)
        .update();
    revocations.revoked();
  }

  private Optional<Member> findByEmail(String orgId, String email) {
    return jdbc.sql("SELECT " + Member.COLUMNS + " FROM members WHERE org_id = ? AND email = ?")
        .params(orgId, email)
        .query(Member::map)
        .optional();
  }

  private long owners(String orgId) {
    return jdbc.sql("SELECT COUNT(*) FROM members WHERE org_id = ? AND role = 'owner'")
        .param(orgId)
        .query(Long.class)
        .single();
  }

  private static ApiException duplicateEmail() {
    return new ApiException(
        org.springframework.http.HttpStatus.CONFLICT,
        "conflict",
        "Conflict",
        "A member with this email already exists in the organization",
        List.of(new ApiException.FieldError("email", "is already a member")),
        Map.of());
  }
}
