package com.verk.sdk;

import java.time.Instant;

/**
 * The data of {@code project.created}, {@code project.updated} and {@code project.deleted}.
 *
 * @param id the project id, {@code proj_…}
 * @param name the name
 * @param description the description, or {@code null}
 * @param creatorId the creator's user id
 * @param createdAt when the project was created
 * @param updatedAt when the project was last modified
 * @param deletedAt for {@code project.deleted}: when it was deleted; {@code null} otherwise
 */
public record ProjectData(
    String id,
    String name,
    String description,
    String creatorId,
    Instant createdAt,
    Instant updatedAt,
    Instant deletedAt)
    implements EventData {

  static ProjectData from(Fields f) {
    return new ProjectData(
        f.string("id"),
        f.string("name"),
        f.string("description"),
        f.string("creatorId"),
        f.instant("createdAt"),
        f.instant("updatedAt"),
        f.instant("deletedAt"));
  }
}
