package com.verk.sdk;

import java.util.Optional;

/**
 * The event types Verk sends, each with the name it carries on the wire: the 15 about the
 * organization's work, and 3 operational ones about its other webhooks ({@code webhook.*}).
 */
public enum EventType {
  /** A task was created. Data: {@link TaskData}. */
  TASK_CREATED("task.created"),
  /** A task was modified; {@link TaskData#changes()} says what changed. */
  TASK_UPDATED("task.updated"),
  /** A task was deleted; {@link TaskData#deletedAt()} is set. */
  TASK_DELETED("task.deleted"),
  /** A task's status changed to {@code done}. */
  TASK_COMPLETED("task.completed"),
  /** A project was created. Data: {@link ProjectData}. */
  PROJECT_CREATED("project.created"),
  /** A project was modified. */
  PROJECT_UPDATED("project.updated"),
  /** A project was deleted; {@link ProjectData#deletedAt()} is set. */
  PROJECT_DELETED("project.deleted"),
  /** A user joined the organization. Data: {@link MemberData}. */
  MEMBER_ADDED("member.added"),
  /** A user left or was removed; {@link MemberData#removedAt()} is set. */
  MEMBER_REMOVED("member.removed"),
  /** A user's role changed; {@link MemberData#previousRole()} is set. */
  MEMBER_ROLE_CHANGED("member.role_changed"),
  /** A comment was added to a task. Data: {@link CommentData}. */
  COMMENT_CREATED("comment.created"),
  /** A comment was edited. */
  COMMENT_UPDATED("comment.updated"),
  /** A comment was removed; {@link CommentData#deletedAt()} is set. */
  COMMENT_DELETED("comment.deleted"),
  /** A file was uploaded. Data: {@link FileData}. */
  FILE_UPLOADED("file.uploaded"),
  /** A file was deleted; {@link FileData#deletedAt()} is set. */
  FILE_DELETED("file.deleted"),
  /** Operational: another webhook is failing. Data: {@link WebhookAlertData}. */
  WEBHOOK_FAILING("webhook.failing"),
  /** Operational: another webhook was disabled; {@link WebhookAlertData#disabledAt()} is set. */
  WEBHOOK_DISABLED("webhook.disabled"),
  /** Operational: another webhook delivers successfully again after an alert. */
  WEBHOOK_RECOVERED("webhook.recovered");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /**
   * Returns the name used in payloads, headers and the API, e.g. {@code task.created}.
   *
   * @return the wire name
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns the group this type belongs to: {@code task}, {@code project}, {@code member}, {@code
   * comment}, {@code file}, or {@code webhook} for the operational types.
   *
   * @return the part of the wire name before the dot
   */
  public String group() {
    return wireName.substring(0, wireName.indexOf('.'));
  }

  /**
   * Looks a type up by its wire name. Unknown names give an empty result rather than an error, so
   * that a receiver keeps working when Verk adds event types.
   *
   * @param wireName a name such as {@code member.role_changed}
   * @return the type, or empty if this SDK version does not know it
   */
  public static Optional<EventType> fromWireName(String wireName) {
    for (EventType type : values()) {
      if (type.wireName.equals(wireName)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the wire name.
   *
   * @return the wire name, e.g. {@code task.created}
   */
  @Override
  public String toString() {
    return wireName;
  }
}
