package com.verk.sdk;

import java.time.Instant;

/**
 * The data of {@code file.uploaded} and {@code file.deleted}.
 *
 * @param id the file id, {@code file_…}
 * @param name the file name
 * @param size the size in bytes, or {@code null}
 * @param contentType the media type, e.g. {@code application/pdf}
 * @param taskId the task it is attached to, or {@code null}
 * @param uploaderId the uploader's user id
 * @param createdAt when it was uploaded
 * @param deletedAt for {@code file.deleted}: when it was deleted; {@code null} otherwise
 */
public record FileData(
    String id,
    String name,
    Long size,
    String contentType,
    String taskId,
    String uploaderId,
    Instant createdAt,
    Instant deletedAt)
    implements EventData {

  static FileData from(Fields f) {
    return new FileData(
        f.string("id"),
        f.string("name"),
        f.longValue("size"),
        f.string("contentType"),
        f.string("taskId"),
        f.string("uploaderId"),
        f.instant("createdAt"),
        f.instant("deletedAt"));
  }
}
