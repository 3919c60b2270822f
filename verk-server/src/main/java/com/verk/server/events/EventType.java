package com.verk.server.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * The fifteen event types of the spec, then the three operational ones about the organization's own
 * webhooks (group {@code Webhook}, see docs/alerts.md), by the name they carry on the wire.
 */
public enum EventType {
  TASK_CREATED("task.created", "Task", "Triggered when a new task is created."),
  TASK_UPDATED("task.updated", "Task", "Triggered when a task is modified; carries the changes."),
  TASK_DELETED("task.deleted", "Task", "Triggered when a task is deleted."),
  TASK_COMPLETED("task.completed", "Task", "Triggered when a task's status changes to \"done\"."),
  PROJECT_CREATED("project.created", "Project", "New project created."),
  PROJECT_UPDATED("project.updated", "Project", "Project details modified."),
  PROJECT_DELETED("project.deleted", "Project", "Project deleted, with its tasks."),
  MEMBER_ADDED("member.added", "Member", "User joined the organization."),
  MEMBER_REMOVED("member.removed", "Member", "User left or was removed."),
  MEMBER_ROLE_CHANGED("member.role_changed", "Member", "User role updated."),
  COMMENT_CREATED("comment.created", "Comment", "New comment on a task."),
  COMMENT_UPDATED("comment.updated", "Comment", "Comment edited."),
  COMMENT_DELETED("comment.deleted", "Comment", "Comment removed."),
  FILE_UPLOADED("file.uploaded", "File", "New file uploaded."),
  FILE_DELETED("file.deleted", "File", "File deleted."),
  WEBHOOK_FAILING(
      "webhook.failing",
      "Webhook",
      "Operational: another webhook of the organization is failing (its deliveries fail without a"
          + " success)."),
  WEBHOOK_DISABLED(
      "webhook.disabled",
      "Webhook",
      "Operational: another webhook of the organization was disabled after its retries ran out."),
  WEBHOOK_RECOVERED(
      "webhook.recovered",
      "Webhook",
      "Operational: another webhook of the organization delivered successfully again after an"
          + " alert.");

  private final String wireName;
  private final String group;
  private final String description;

  EventType(String wireName, String group, String description) {
    this.wireName = wireName;
    this.group = group;
    this.description = description;
  }

  /** e.g. {@code task.created}. */
  public String wireName() {
    return wireName;
  }

  /** Task, Project, Member, Comment, File, or Webhook for the operational types. */
  public String group() {
    return group;
  }

  public String description() {
    return description;
  }

  /** Whether this is one of the operational types about the organization's own webhooks. */
  public boolean operational() {
    return group.equals("Webhook");
  }

  /** The type with this wire name, if it is one of the catalog's. */
  public static Optional<EventType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }
}
