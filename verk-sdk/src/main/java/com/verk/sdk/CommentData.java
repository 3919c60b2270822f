package com.verk.sdk;

import java.time.Instant;

/**
 * The data of {@code comment.created}, {@code comment.updated} and {@code comment.deleted}.
 *
 * @param id the comment id, {@code comment_…}
 * @param taskId the task it belongs to
 * @param authorId the author's user id
 * @param body the text
 * @param createdAt when it was written
 * @param updatedAt when it was last edited
 * @param deletedAt for {@code comment.deleted}: when it was removed; {@code null} otherwise
 */
public record CommentData(
    String id,
    String taskId,
    String authorId,
    String body,
    Instant createdAt,
    Instant updatedAt,
    Instant deletedAt)
    implements EventData {

  static CommentData from(Fields f) {
    return new CommentData(
        f.string("id"),
        f.string("taskId"),
        f.string("authorId"),
        f.string("body"),
        f.instant("createdAt"),
        f.instant("updatedAt"),
        f.instant("deletedAt"));
  }
}
