package com.verk.server.workspace;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A comment as the API shows it: the comment.* event data. */
@Schema(name = "Comment")
record CommentView(
    @Schema(example = "comment_123") String id,
    @Schema(example = "task_123") String taskId,
    @Schema(example = "user_789") String authorId,
    @Schema(example = "Looks good to me") String body,
    @Schema(example = "2024-01-15T10:30:00Z") Instant createdAt,
    @Schema(example = "2024-01-15T10:30:00Z") Instant updatedAt) {

  static CommentView of(Comment c) {
    return new CommentView(
        c.id(),
        c.taskId(),
        c.authorId(),
        c.body(),
        Instant.ofEpochMilli(c.createdAt()),
        Instant.ofEpochMilli(c.updatedAt()));
  }
}
