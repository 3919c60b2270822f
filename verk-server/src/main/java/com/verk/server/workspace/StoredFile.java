package com.verk.server.workspace;

import com.verk.server.system.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** An uploaded file's metadata; its bytes are in the {@link FileStore}. */
record StoredFile(
    String id,
    String name,
    long size,
    String contentType,
    String taskId,
    String uploaderId,
    String sha256,
    long createdAt) {

  static final String COLUMNS =
      "id, name, size, content_type, task_id, uploader_id, sha256, created_at";

  static StoredFile map(ResultSet rs, int row) throws SQLException {
    return new StoredFile(
        rs.getString("id"),
        rs.getString("name"),
        rs.getLong("size"),
        rs.getString("content_type"),
        rs.getString("task_id"),
        rs.getString("uploader_id"),
        rs.getString("sha256"),
        rs.getLong("created_at"));
  }

  /** The file.* event data, which is also the API representation. */
  Map<String, Object> data() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", id);
    data.put("name", name);
    data.put("size", size);
    data.put("contentType", contentType);
    data.put("taskId", taskId);
    data.put("uploaderId", uploaderId);
    data.put("createdAt", Times.iso(createdAt));
    return data;
  }
}
