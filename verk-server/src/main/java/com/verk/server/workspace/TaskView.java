package com.verk.server.workspace;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A task as the API shows it: the task.* event data. */
@Schema(name = "Task")
record TaskView(
    @Schema(example = "task_123") String id,
    @Schema(example = "Implement login feature") String title,
    @Schema(types = {"string", "null"}) String description,
    @Schema(
            allowableValues = {"todo", "in_progress", "done"},
            example = "todo")
        String status,
    @Schema(
            allowableValues = {"low", "medium", "high", "urgent"},
            example = "high")
        String priority,
    @Schema(example = "proj_456") String projectId,
    String projectName,
    @Schema(types = {"string", "null"}) String assigneeId,
    @Schema(types = {"string", "null"}) String assigneeName,
    @Schema(example = "user_789") String creatorId,
    @Schema(
            types = {"string", "null"},
            format = "date",
            example = "2024-02-01")
        String dueDate,
    @Schema(example = "2024-01-15T10:30:00Z") Instant createdAt,
    @Schema(example = "2024-01-15T10:30:00Z") Instant updatedAt,
    @Schema(
            types = {"string", "null"},
            format = "date-time")
        Instant completedAt) {

  static TaskView of(Task t) {
    return new TaskView(
        t.id(),
        t.title(),
        t.description(),
        t.status(),
        t.priority(),
        t.projectId(),
        t.projectName(),
        t.assigneeId(),
        t.assigneeName(),
        t.creatorId(),
        t.dueDate(),
        Instant.ofEpochMilli(t.createdAt()),
        Instant.ofEpochMilli(t.updatedAt()),
        t.completedAt() == null ? null : Instant.ofEpochMilli(t.completedAt()));
  }
}
