package com.verk.server.workspace;

import com.verk.server.events.EventPublisher;
import com.verk.server.events.EventType;
import com.verk.server.system.ApiException;
import com.verk.server.system.Ids;
import com.verk.server.system.Pages;
import com.verk.server.system.Times;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tasks. Every change emits task.updated with exactly the fields that changed; reaching "done" also
 * emits task.completed; each mutation and its events commit in one transaction.
 */
@Service
class Tasks {

  /** What POST /v1/tasks accepts. */
  record NewTask(
      String title,
      String projectId,
      String description,
      String status,
      String priority,
      String assigneeId,
      String dueDate) {}

  /** Filters of the task list; null means "any". */
  record Filter(String projectId, String status, String assigneeId) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final EventPublisher events;
  private final Comments comments;
  private final WorkspaceFiles files;
  private final RowLocks locks;

  Tasks(
      JdbcClient jdbc,
      Clock clock,
      EventPublisher events,
      Comments comments,
      WorkspaceFiles files,
      RowLocks locks) {
    this.jdbc = jdbc;
    this.locks = locks;
    this.clock = clock;
    this.events = events;
    this.comments = comments;
    this.files = files;
  }

  @Transactional
  public Task create(String orgId, String actorId, NewTask in) {
    String title = Inputs.required("title", in.title(), Inputs.MAX_NAME);
    String projectId = in.projectId();
    String projectName = projectName(orgId, projectId);
    String description = Inputs.optional("description", in.description(), Inputs.MAX_TEXT);
    String status =
        in.status() == null ? "todo" : Inputs.oneOf("status", in.status(), Task.STATUSES);
    String priority =
        in.priority() == null ? "medium" : Inputs.oneOf("priority", in.priority(), Task.PRIORITIES);
    String assigneeId = in.assigneeId();
    String assigneeName = assigneeName(orgId, assigneeId);
    String dueDate = Inputs.date("dueDate", in.dueDate());
    long now = clock.millis();
    Long completedAt = status.equals("done") ? now : null;
    String id = Ids.next("task");
    jdbc.sql(
            "INSERT INTO tasks (id, org_id, project_id, title, description, status, priority,"
                + " assignee_id, creator_id, due_date, created_at, updated_at, completed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            orgId,
            projectId,
            title,
            description,
            status,
            priority,
            assigneeId,
            actorId,
            dueDate,
            now,
            now,
            completedAt)
        .update();
    // What a read-back would return (the names were read by the checks above, in this
    // transaction), without a second statement.
    Task task =
        new Task(
            id,
            title,
            description,
            status,
            priority,
            projectId,
            projectName,
            assigneeId,
            assigneeName,
            actorId,
            dueDate,
            now,
            now,
            completedAt);
    events.publish(orgId, EventType.TASK_CREATED, task.data());
    if (status.equals("done")) {
      // A task created as done has reached "done" too: one task.completed per completion.
      events.publish(orgId, EventType.TASK_COMPLETED, task.data());
    }
    return task;
  }

  @Transactional(readOnly = true)
  public List<Task> list(String orgId, Filter filter, Pages.Cursor after, int limit) {
    StringBuilder sql = new StringBuilder(Task.SELECT).append(" WHERE t.org_id = ?");
    List<Object> params = new ArrayList<>(List.of(orgId));
    if (filter.projectId() != null) {
      sql.append(" AND t.project_id = ?");
      params.add(filter.projectId());
    }
    if (filter.status() != null) {
      sql.append(" AND t.status = ?");
      params.add(Inputs.oneOf("status", filter.status(), Task.STATUSES));
    }
    if (filter.assigneeId() != null) {
      sql.append(" AND t.assignee_id = ?");
      params.add(filter.assigneeId());
    }
    sql.append(" AND (t.created_at > ? OR (t.created_at = ? AND t.id > ?))");
    sql.append(" ORDER BY t.created_at, t.id LIMIT ?");
    params.addAll(List.of(after.createdAt(), after.createdAt(), after.id(), limit + 1));
    return jdbc.sql(sql.toString()).params(params).query(Task::map).list();
  }

  public Optional<Task> find(String orgId, String id) {
    return jdbc.sql(Task.SELECT + " WHERE t.org_id = ? AND t.id = ?")
        .params(orgId, id)
        .query(Task::map)
        .optional();
  }

  public Task get(String orgId, String id) {
    return find(orgId, id).orElseThrow(() -> ApiException.notFound("Task", id));
  }

  @Transactional
  public Task update(String orgId, String id, Inputs.Patch patch) {
    locks.lock("tasks", orgId, id);
    Task before = get(orgId, id);
    Map<String, Object> after = new LinkedHashMap<>();
    for (String field : Task.EDITABLE) {
      after.put(field, patch.has(field) ? validated(orgId, field, patch) : before.field(field));
    }
    Map<String, Object> changes = new LinkedHashMap<>();
    for (String field : Task.EDITABLE) {
      Object from = before.field(field);
      Object to = after.get(field);
      if (!java.util.Objects.equals(from, to)) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("from", from);
        change.put("to", to);
        changes.put(field, change);
      }
    }
    if (changes.isEmpty()) {
      return before;
    }
    long now = clock.millis();
    boolean completes = changes.containsKey("status") && "done".equals(after.get("status"));
    Long completedAt =
        completes
            ? Long.valueOf(now)
            : "done".equals(after.get("status")) ? before.completedAt() : null;
    jdbc.sql(
            "UPDATE tasks SET title = ?, description = ?, status = ?, priority = ?,"
                + " project_id = ?, assignee_id = ?, due_date = ?, updated_at = ?,"
                + " completed_at = ? WHERE org_id = ? AND id = ?")
        .params(
            after.get("title"),
            after.get("description"),
            after.get("status"),
            after.get("priority"),
            after.get("projectId"),
            after.get("assigneeId"),
            after.get("dueDate"),
            now,
            completedAt,
            orgId,
            id)
        .update();
    Task task = get(orgId, id);
    publishUpdated(orgId, task, changes);
    if (completes) {
      events.publish(orgId, EventType.TASK_COMPLETED, task.data());
    }
    return task;
  }

  @Transactional
  public void delete(String orgId, String id) {
    locks.lock("tasks", orgId, id);
    delete(orgId, get(orgId, id), clock.millis());
  }

  /**
   * Deletes a task inside the caller's transaction: its comments and files first (each emitting its
   * own deleted event, so that mirrors of them stay exact), then the task.
   */
  void delete(String orgId, Task task, long now) {
    comments.deleteAllOf(orgId, task.id(), now);
    files.deleteAllOf(orgId, task.id(), now);
    jdbc.sql("DELETE FROM tasks WHERE org_id = ? AND id = ?").params(orgId, task.id()).update();
    Map<String, Object> data = task.data();
    data.put("deletedAt", Times.iso(now));
    events.publish(orgId, EventType.TASK_DELETED, data);
  }

  /** The tasks of a project, for deleting the project. */
  List<Task> ofProject(String orgId, String projectId) {
    return jdbc.sql(Task.SELECT + " WHERE t.org_id = ? AND t.project_id = ? ORDER BY t.created_at")
        .params(orgId, projectId)
        .query(Task::map)
        .list();
  }

  /** Clears the assignee of every task of a member being removed, each with task.updated. */
  void unassignAll(String orgId, String memberId) {
    List<Task> assigned =
        jdbc.sql(Task.SELECT + " WHERE t.org_id = ? AND t.assignee_id = ? ORDER BY t.created_at")
            .params(orgId, memberId)
            .query(Task::map)
            .list();
    long now = clock.millis();
    for (Task before : assigned) {
      jdbc.sql("UPDATE tasks SET assignee_id = NULL, updated_at = ? WHERE org_id = ? AND id = ?")
          .params(now, orgId, before.id())
          .update();
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("from", memberId);
      change.put("to", null);
      Map<String, Object> changes = new LinkedHashMap<>();
      changes.put("assigneeId", change);
      publishUpdated(orgId, get(orgId, before.id()), changes);
    }
  }

  private void publishUpdated(String orgId, Task task, Map<String, Object> changes) {
    Map<String, Object> data = task.data();
    data.put("changes", changes);
    events.publish(orgId, EventType.TASK_UPDATED, data);
  }

  private Object validated(String orgId, String field, Inputs.Patch patch) {
    return switch (field) {
      case "title" -> Inputs.required("title", patch.nonNull("title"), Inputs.MAX_NAME);
      case "description" ->
          Inputs.optional("description", patch.text("description"), Inputs.MAX_TEXT);
      case "status" -> Inputs.oneOf("status", patch.nonNull("status"), Task.STATUSES);
      case "priority" -> Inputs.oneOf("priority", patch.nonNull("priority"), Task.PRIORITIES);
      case "projectId" -> project(orgId, patch.nonNull("projectId"));
      case "assigneeId" -> assignee(orgId, patch.text("assigneeId"));
      case "dueDate" -> Inputs.date("dueDate", patch.text("dueDate"));
      default -> throw new IllegalArgumentException(field);
    };
  }

  /** A project id of this organization; anything else is a 400 naming projectId. */
  private String project(String orgId, String projectId) {
    projectName(orgId, projectId);
    return projectId;
  }

  /** The name of the organization's project {@code projectId}; a 400 on projectId otherwise. */
  private String projectName(String orgId, String projectId) {
    if (projectId == null || projectId.isBlank()) {
      throw ApiException.invalid("projectId", "is required");
    }
    return jdbc.sql("SELECT name FROM projects WHERE org_id = ? AND id = ?")
        .params(orgId, projectId)
        .query(String.class)
        .optional()
        .orElseThrow(
            () -> ApiException.invalid("projectId", "is not a project of this organization"));
  }

  private String assignee(String orgId, String memberId) {
    assigneeName(orgId, memberId);
    return memberId;
  }

  /** The name of the organization's member {@code memberId} (null for none); a 400 otherwise. */
  private String assigneeName(String orgId, String memberId) {
    if (memberId == null) {
      return null;
    }
    return jdbc.sql("SELECT name FROM members WHERE org_id = ? AND id = ?")
        .params(orgId, memberId)
        .query(String.class)
        .optional()
        .orElseThrow(
            () -> ApiException.invalid("assigneeId", "is not a member of this organization"));
  }
}
