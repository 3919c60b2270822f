package com.verk.server.workspace;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A file's metadata as the API shows it: the file.* event data. */
@Schema(name = "File")
record FileView(
    @Schema(example = "file_123") String id,
    @Schema(example = "design.pdf") String name,
    @Schema(description = "Bytes", example = "24576") long size,
    @Schema(example = "application/pdf") String contentType,
    @Schema(
            types = {"string", "null"},
            example = "task_123")
        String taskId,
    @Schema(example = "user_789") String uploaderId,
    @Schema(example = "2024-01-15T10:30:00Z") Instant createdAt) {

  static FileView of(StoredFile f) {
    return new FileView(
        f.id(),
        f.name(),
        f.size(),
        f.contentType(),
        f.taskId(),
        f.uploaderId(),
        Instant.ofEpochMilli(f.createdAt()));
  }
}
