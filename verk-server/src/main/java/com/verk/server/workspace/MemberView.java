package com.verk.server.workspace;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A member as the API shows it: the member.* event data plus timestamps. */
@Schema(name = "Member")
record MemberView(
    @Schema(example = "user_789") String id,
    @Schema(example = "ada@example.com") String email,
    @Schema(example = "Ada Lovelace") String name,
    @Schema(
            allowableValues = {"owner", "admin", "member"},
            example = "member")
        String role,
    @Schema(example = "2024-01-15T10:30:00Z") Instant createdAt,
    @Schema(example = "2024-01-15T10:30:00Z") Instant updatedAt) {

  static MemberView of(Member m) {
    return new MemberView(
        m.id(),
        m.email(),
        m.name(),
        m.role(),
        Instant.ofEpochMilli(m.createdAt()),
        Instant.ofEpochMilli(m.updatedAt()));
  }
}
