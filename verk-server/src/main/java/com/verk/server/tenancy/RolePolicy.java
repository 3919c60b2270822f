package com.verk.server.tenancy;

import com.verk.server.system.ApiException;
import java.util.List;
import java.util.Locale;

/**
 * The one rule of who may change which roles, applied by the API and the dashboard alike:
 *
 * <ul>
 *   <li>an owner may add, promote, demote and remove anyone (the last owner stays);
 *   <li>an admin, and any API key (whatever its scopes), may manage admins and members only: it
 *       cannot make an owner, and cannot change or remove an owner;
 *   <li>a member changes nothing.
 * </ul>
 *
 * A member's API keys live as long as the member may manage keys: removing a member, or demoting
 * them to {@code member}, revokes every key they made (see {@link #keepsKeys(String)}).
 */
public final class RolePolicy {

  public static final String OWNER = "owner";
  public static final String ADMIN = "admin";
  public static final String MEMBER = "member";
  public static final List<String> ROLES = List.of(OWNER, ADMIN, MEMBER);

  /** Who acts: a signed-in member of a role, or an API key. */
  public enum Actor {
    OWNER,
    ADMIN,
    MEMBER,
    API_KEY;

    /** The actor for a signed-in member's role. */
    public static Actor ofRole(String role) {
      return switch (role == null ? "" : role) {
        case RolePolicy.OWNER -> OWNER;
        case RolePolicy.ADMIN -> ADMIN;
        default -> MEMBER;
      };
    }

    String describe() {
      return this == API_KEY ? "an API key" : "an " + name().toLowerCase(Locale.ROOT);
    }
  }

  private RolePolicy() {}

  /** Refuses with 403 unless {@code actor} may add a member with {@code role}. */
  public static void checkAdd(Actor actor, String role) {
    requireManager(actor);
    if (OWNER.equals(role) && actor != Actor.OWNER) {
      throw ApiException.forbidden(
          "Only an owner, signed in to the dashboard, can make an owner; "
              + actor.describe()
              + " cannot");
    }
  }

  /**
   * Refuses with 403 unless {@code actor} may change a {@code current} member to {@code wanted}.
   */
  public static void checkChange(Actor actor, String current, String wanted) {
    requireManager(actor);
    if (actor == Actor.OWNER) {
      return;
    }
    if (OWNER.equals(current)) {
      throw ApiException.forbidden(
          "Only an owner can change the role of an owner; " + actor.describe() + " cannot");
    }
    if (OWNER.equals(wanted)) {
      throw ApiException.forbidden(
          "Only an owner, signed in to the dashboard, can make an owner; "
              + actor.describe()
              + " cannot");
    }
  }

  /** Refuses with 403 unless {@code actor} may remove a member whose role is {@code current}. */
  public static void checkRemove(Actor actor, String current) {
    requireManager(actor);
    if (OWNER.equals(current) && actor != Actor.OWNER) {
      throw ApiException.forbidden(
          "Only an owner can remove an owner; " + actor.describe() + " cannot");
    }
  }

  /** Whether {@code actor} may change or remove a member whose role is {@code current}. */
  public static boolean mayTouch(Actor actor, String current) {
    return actor == Actor.OWNER
        || ((actor == Actor.ADMIN || actor == Actor.API_KEY) && !OWNER.equals(current));
  }

  /** Whether a member with {@code role} keeps the API keys they made. */
  public static boolean keepsKeys(String role) {
    return OWNER.equals(role) || ADMIN.equals(role);
  }

  private static void requireManager(Actor actor) {
    if (actor == Actor.MEMBER) {
      throw ApiException.forbidden("Only owners and admins can manage the team");
    }
  }
}
