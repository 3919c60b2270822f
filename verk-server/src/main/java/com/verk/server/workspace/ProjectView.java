package com.verk.server.workspace;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A project as the API shows it: the project.* event data. */
@Schema(name = "Project")
record ProjectView(
    @Schema(example = "proj_456") String id,
    @Schema(example = "Website relaunch") String name,
    @Schema(types = {"string", "null"}) String description,
    @Schema(example = "user_789") String creatorId,
    @Schema(example = "2024-01-15T10:30:00Z") Instant createdAt,
    @Schema(example = "2024-01-15T10:30:00Z") Instant updatedAt) {

  static ProjectView of(Project p) {
    return new ProjectView(
        p.id(),
        p.name(),
        p.description(),
        p.creatorId(),
        Instant.ofEpochMilli(p.createdAt()),
        Instant.ofEpochMilli(p.updatedAt()));
  }
}
