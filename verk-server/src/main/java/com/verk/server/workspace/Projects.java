package com.verk.server.workspace;

import com.verk.server.events.EventPublisher;
import com.verk.server.events.EventType;
import com.verk.server.system.ApiException;
import com.verk.server.system.Ids;
import com.verk.server.system.Pages;
import com.verk.server.system.Times;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Projects; deleting one deletes its tasks, all in one transaction with every event. */
@Service
class Projects {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final EventPublisher events;
  private final Tasks tasks;
  private final RowLocks locks;

  Projects(JdbcClient jdbc, Clock clock, EventPublisher events, Tasks tasks, RowLocks locks) {
    this.jdbc = jdbc;
    this.locks = locks;
    this.clock = clock;
    this.events = events;
    this.tasks = tasks;
  }

  @Transactional
  public Project create(String orgId, String actorId, String name, String description) {
    String cleanName = Inputs.required("name", name, Inputs.MAX_NAME);
    String cleanDescription = Inputs.optional("description", description, Inputs.MAX_TEXT);
    long now = clock.millis();
    Project project = new Project(Ids.next("proj"), cleanName, cleanDescription, actorId, now, now);
    jdbc.sql(
            "INSERT INTO projects (id, org_id, name, description, creator_id, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(project.id(), orgId, cleanName, cleanDescription, actorId, now, now)
        .update();
    events.publish(orgId, EventType.PROJECT_CREATED, project.data());
    return project;
  }

  @Transactional(readOnly = true)
  public List<Project> list(String orgId, Pages.Cursor after, int limit) {
    return jdbc.sql(
            "SELECT "
                + Project.COLUMNS
                + " FROM projects WHERE org_id = ?"
                + " AND (created_at > ? OR (created_at = ? AND id > ?))"
                + " ORDER BY created_at, id LIMIT ?")
        .params(orgId, after.createdAt(), after.createdAt(), after.id(), limit + 1)
        .query(Project::map)
        .list();
  }

  public Project get(String orgId, String id) {
    return jdbc.sql("SELECT " + Project.COLUMNS + " FROM projects WHERE org_id = ? AND id = ?")
        .params(orgId, id)
        .query(Project::map)
        .optional()
        .orElseThrow(() -> ApiException.notFound("Project", id));
  }

  @Transactional
  public Project update(String orgId, String id, Inputs.Patch patch) {
    locks.lock("projects", orgId, id);
    Project before = get(orgId, id);
    String name =
        patch.has("name")
            ? Inputs.required("name", patch.nonNull("name"), Inputs.MAX_NAME)
            : before.name();
    String description =
        patch.has("description")
            ? Inputs.optional("description", patch.text("description"), Inputs.MAX_TEXT)
            : before.description();
    if (name.equals(before.name()) && Objects.equals(description, before.description())) {
      return before;
    }
    long now = clock.millis();
    jdbc.sql(
            "UPDATE projects SET name = ?, description = ?, updated_at = ?"
                + " WHERE org_id = ? AND id = ?")
        .params(name, description, now, orgId, id)
        .update();
    Project after = new Project(id, name, description, before.creatorId(), before.createdAt(), now);
    events.publish(orgId, EventType.PROJECT_UPDATED, after.data());
    return after;
  }

  /**
   * Deletes the project and its tasks (each task with its comments and files), every one with its
   * event.
   */
  @Transactional
  public void delete(String orgId, String id) {
    locks.lock("projects", orgId, id);
    Project project = get(orgId, id);
    long now = clock.millis();
    for (Task task : tasks.ofProject(orgId, id)) {
      tasks.delete(orgId, task, now);
    }
    jdbc.sql("DELETE FROM projects WHERE org_id = ? AND id = ?").params(orgId, id).update();
    Map<String, Object> data = project.data();
    data.put("deletedAt", Times.iso(now));
    events.publish(orgId, EventType.PROJECT_DELETED, data);
  }
}
