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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Comments on tasks; each mutation and its event commit together. */
@Service
class Comments {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final EventPublisher events;
  private final RowLocks locks;

  Comments(JdbcClient jdbc, Clock clock, EventPublisher events, RowLocks locks) {
    this.jdbc = jdbc;
    this.locks = locks;
    this.clock = clock;
    this.events = events;
  }

  @Transactional
  public Comment create(String orgId, String actorId, String taskId, String body) {
    requireTask(orgId, taskId);
    String text = Inputs.required("body", body, Inputs.MAX_TEXT);
    long now = clock.millis();
    Comment comment = new Comment(Ids.next("comment"), taskId, actorId, text, now, now);
    jdbc.sql(
            "INSERT INTO comments (id, org_id, task_id, author_id, body, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(comment.id(), orgId, taskId, actorId, text, now, now)
        .update();
    events.publish(orgId, EventType.COMMENT_CREATED, comment.data());
    return comment;
  }

  @Transactional(readOnly = true)
  public List<Comment> list(String orgId, String taskId, Pages.Cursor after, int limit) {
    requireTask(orgId, taskId);
    return jdbc.sql(
            "SELECT "
                + Comment.COLUMNS
                + " FROM comments WHERE org_id = ? AND task_id = ?"
                + " AND (created_at > ? OR (created_at = ? AND id > ?))"
                + " ORDER BY created_at, id LIMIT ?")
        .params(orgId, taskId, after.createdAt(), after.createdAt(), after.id(), limit + 1)
        .query(Comment::map)
        .list();
  }

  public Comment get(String orgId, String id) {
    return jdbc.sql("SELECT " + Comment.COLUMNS + " FROM comments WHERE org_id = ? AND id = ?")
        .params(orgId, id)
        .query(Comment::map)
        .optional()
        .orElseThrow(() -> ApiException.notFound("Comment", id));
  }

  @Transactional
  public Comment update(String orgId, String id, String body) {
    locks.lock("comments", orgId, id);
    Comment before = get(orgId, id);
    String text = Inputs.required("body", body, Inputs.MAX_TEXT);
    if (text.equals(before.body())) {
      return before;
    }
    long now = clock.millis();
    jdbc.sql("UPDATE comments SET body = ?, updated_at = ? WHERE org_id = ? AND id = ?")
        .params(text, now, orgId, id)
        .update();
    Comment after =
        new Comment(id, before.taskId(), before.authorId(), text, before.createdAt(), now);
    events.publish(orgId, EventType.COMMENT_UPDATED, after.data());
    return after;
  }

  @Transactional
  public void delete(String orgId, String id) {
    locks.lock("comments", orgId, id);
    delete(orgId, get(orgId, id), clock.millis());
  }

  /** Deletes every comment of a task inside the caller's transaction, each with its event. */
  void deleteAllOf(String orgId, String taskId, long now) {
    List<Comment> all =
        jdbc.sql(
                "SELECT "
                    + Comment.COLUMNS
                    + " FROM comments WHERE org_id = ? AND task_id = ? ORDER BY created_at, id")
            .params(orgId, taskId)
            .query(Comment::map)
            .list();
    for (Comment comment : all) {
      delete(orgId, comment, now);
    }
  }

  private void delete(String orgId, Comment comment, long now) {
    jdbc.sql("DELETE FROM comments WHERE org_id = ? AND id = ?")
        .params(orgId, comment.id())
        .update();
    Map<String, Object> data = comment.data();
    data.put("deletedAt", Times.iso(now));
    events.publish(orgId, EventType.COMMENT_DELETED, data);
  }

  private void requireTask(String orgId, String taskId) {
    long found =
        jdbc.sql("SELECT COUNT(*) FROM tasks WHERE org_id = ? AND id = ?")
            .params(orgId, taskId)
            .query(Long.class)
            .single();
    if (found == 0) {
      throw ApiException.notFound("Task", taskId);
    }
  }
}
