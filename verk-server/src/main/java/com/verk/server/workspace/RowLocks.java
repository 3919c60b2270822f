package com.verk.server.workspace;

import com.verk.server.storage.DatabaseKind;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Serialises changes of one workspace object until the transaction ends, so that two concurrent
 * requests cannot both compute "changes" from the same old state or both delete (and both announce
 * the deletion of) the same object. On SQLite every write transaction already holds the database's
 * single write lock from its start (BEGIN IMMEDIATE).
 */
@Component
class RowLocks {

  private static final Set<String> TABLES = Set.of("projects", "tasks", "comments", "files");

  private final JdbcClient jdbc;
  private final DatabaseKind database;

  RowLocks(JdbcClient jdbc, DatabaseKind database) {
    this.jdbc = jdbc;
    this.database = database;
  }

  /** Locks the row if it exists; the caller then reads it and answers 404 if it is gone. */
  void lock(String table, String orgId, String id) {
    if (!TABLES.contains(table)) {
      throw new IllegalArgumentException(table);
    }
    database.lockRows(
        jdbc,
        "SELECT id FROM " + table + " WHERE org_id = :org AND id = :id",
        Map.of("org", orgId, "id", id));
  }
}
