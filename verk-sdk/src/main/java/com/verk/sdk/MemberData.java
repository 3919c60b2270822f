package com.verk.sdk;

import java.time.Instant;

/**
 * The data of {@code member.added}, {@code member.removed} and {@code member.role_changed}.
 *
 * @param id the member's user id, {@code user_…}
 * @param email the email address
 * @param name the display name
 * @param role {@code owner}, {@code admin} or {@code member}
 * @param previousRole for {@code member.role_changed}: the role before; {@code null} otherwise
 * @param removedAt for {@code member.removed}: when the member left; {@code null} otherwise
 */
public record MemberData(
    String id, String email, String name, String role, String previousRole, Instant removedAt)
    implements EventData {

  static MemberData from(Fields f) {
    return new MemberData(
        f.string("id"),
        f.string("email"),
        f.string("name"),
        f.string("role"),
        f.string("previousRole"),
        f.instant("removedAt"));
  }
}
