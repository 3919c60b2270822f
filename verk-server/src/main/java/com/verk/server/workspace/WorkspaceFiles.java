package com.verk.server.workspace;

import com.verk.server.events.EventPublisher;
import com.verk.server.events.EventType;
import com.verk.server.system.ApiException;
import com.verk.server.system.Times;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * File metadata and its events. Bytes are written before {@link #record} and removed after a delete
 * commits.
 */
@Service
class WorkspaceFiles {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final EventPublisher events;
  private final FileStore store;
  private final RowLocks locks;

  WorkspaceFiles(
      JdbcClient jdbc, Clock clock, EventPublisher events, FileStore store, RowLocks locks) {
    this.jdbc = jdbc;
    this.locks = locks;
    this.clock = clock;
    this.events = events;
    this.store = store;
  }

  /** Registers bytes already durably in the store under {@code id}. */
  @Transactional
  public StoredFile record(
      String orgId,
      String actorId,
      String id,
      String name,
      String contentType,
      FileStore.Written written,
      String taskId) {
    String task = taskId == null || taskId.isBlank() ? null : taskId.trim();
    if (task != null) {
      long found =
          jdbc.sql("SELECT COUNT(*) FROM tasks WHERE org_id = ? AND id = ?")
              .params(orgId, task)
              .query(Long.class)
              .single();
      if (found == 0) {
        throw ApiException.invalid("taskId", "is not a task of this organization");
      }
    }
    long now = clock.millis();
    StoredFile file =
        new StoredFile(id, name, written.size(), contentType, task, actorId, written.sha256(), now);
    jdbc.sql(
            "INSERT INTO files (id, org_id, task_id, name, content_type, size, sha256,"
                + " uploader_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(id, orgId, task, name, contentType, written.size(), written.sha256(), actorId, now)
        .update();
    events.publish(orgId, EventType.FILE_UPLOADED, file.data());
    return file;
  }

  public StoredFile get(String orgId, String id) {
    return jdbc.sql("SELECT " + StoredFile.COLUMNS + " FROM files WHERE org_id = ? AND id = ?")
        .params(orgId, id)
        .query(StoredFile::map)
        .optional()
        .orElseThrow(() -> ApiException.notFound("File", id));
  }

  @Transactional
  public void delete(String orgId, String id) {
    locks.lock("files", orgId, id);
    delete(orgId, get(orgId, id), clock.millis());
  }

  /** Deletes the files attached to a task inside the caller's transaction, each with its event. */
  void deleteAllOf(String orgId, String taskId, long now) {
    List<StoredFile> all =
        jdbc.sql(
                "SELECT "
                    + StoredFile.COLUMNS
                    + " FROM files WHERE org_id = ? AND task_id = ? ORDER BY created_at, id")
            .params(orgId, taskId)
            .query(StoredFile::map)
            .list();
    for (StoredFile file : all) {
      delete(orgId, file, now);
    }
  }

  private void delete(String orgId, StoredFile file, long now) {
    jdbc.sql("DELETE FROM files WHERE org_id = ? AND id = ?").params(orgId, file.id()).update();
    Map<String, Object> data = file.data();
    data.put("deletedAt", Times.iso(now));
    events.publish(orgId, EventType.FILE_DELETED, data);
    // The bytes go only once the row's deletion is durable; a rollback keeps both.
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            store.delete(file.id());
          }
        });
  }
}
