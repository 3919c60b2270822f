package com.verk.sdk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data of {@code task.created}, {@code task.updated}, {@code task.deleted} and {@code
 * task.completed}. Optional values are {@code null} when absent.
 *
 * @param id the task id, {@code task_…}
 * @param title the title
 * @param description the description, or {@code null}
 * @param status {@code todo}, {@code in_progress} or {@code done}
 * @param priority {@code low}, {@code medium}, {@code high} or {@code urgent}
 * @param projectId the project id, {@code proj_…}
 * @param projectName the project's name
 * @param assigneeId the assignee's user id, or {@code null}
 * @param assigneeName the assignee's name, or {@code null}
 * @param creatorId the creator's user id
 * @param dueDate the due date, or {@code null}
 * @param createdAt when the task was created
 * @param updatedAt when the task was last modified
 * @param completedAt when the task was completed, or {@code null}
 * @param changes for {@code task.updated}: field name to its old and new value; empty otherwise
 * @param deletedAt for {@code task.deleted}: when it was deleted; {@code null} otherwise
 */
public record TaskData(
    String id,
    String title,
    String description,
    String status,
    String priority,
    String projectId,
    String projectName,
    String assigneeId,
    String assigneeName,
    String creatorId,
    LocalDate dueDate,
    Instant createdAt,
    Instant updatedAt,
    Instant completedAt,
    Map<String, FieldChange> changes,
    Instant deletedAt)
    implements EventData {

  /**
   * One changed field of a {@code task.updated} event.
   *
   * @param from the value before the change (a string, number, boolean or {@code null})
   * @param to the value after the change
   */
  public record FieldChange(Object from, Object to) {}

  static TaskData from(Fields f) {
    Map<String, FieldChange> changes = new LinkedHashMap<>();
    Fields changeFields = f.object("changes");
    if (changeFields != null) {
      for (String field : changeFields.map().keySet()) {
        Fields change = changeFields.object(field);
        if (change != null) {
          changes.put(field, new FieldChange(change.map().get("from"), change.map().get("to")));
        }
      }
    }
    return new TaskData(
        f.string("id"),
        f.string("title"),
        f.string("description"),
        f.string("status"),
        f.string("priority"),
        f.string("projectId"),
        f.string("projectName"),
        f.string("assigneeId"),
        f.string("assigneeName"),
        f.string("creatorId"),
        f.date("dueDate"),
        f.instant("createdAt"),
        f.instant("updatedAt"),
        f.instant("completedAt"),
        Collections.unmodifiableMap(changes),
        f.instant("deletedAt"));
  }
}
