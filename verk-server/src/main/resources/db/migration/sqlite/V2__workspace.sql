-- The Verk workspace that produces events: projects, tasks, comments and files. Members live in
-- V1's members table. Times are epoch milliseconds; due dates are ISO dates (yyyy-MM-dd) as text.
-- creator_id, author_id and uploader_id are historical references (no foreign key): they keep
-- naming the acting member after that member is removed.

CREATE TABLE projects (
  id           TEXT PRIMARY KEY,
  org_id       TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  description  TEXT,
  creator_id   TEXT,
  created_at   BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL
);
CREATE INDEX projects_org ON projects (org_id, created_at, id);

CREATE TABLE tasks (
  id            TEXT PRIMARY KEY,
  org_id        TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  project_id    TEXT NOT NULL REFERENCES projects(id),
  title         TEXT NOT NULL,
  description   TEXT,
  status        TEXT NOT NULL,
  priority      TEXT NOT NULL,
  assignee_id   TEXT REFERENCES members(id),
  creator_id    TEXT,
  due_date      TEXT,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL,
  completed_at  BIGINT
);
CREATE INDEX tasks_org ON tasks (org_id, created_at, id);
CREATE INDEX tasks_project ON tasks (project_id);
CREATE INDEX tasks_assignee ON tasks (assignee_id);

CREATE TABLE comments (
  id          TEXT PRIMARY KEY,
  org_id      TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  task_id     TEXT NOT NULL REFERENCES tasks(id),
  author_id   TEXT,
  body        TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL
);
CREATE INDEX comments_task ON comments (task_id, created_at, id);

-- The bytes live in $VERK_DATA_DIR/files/<id>; a row is committed only after its bytes are
-- durably in place.
CREATE TABLE files (
  id            TEXT PRIMARY KEY,
  org_id        TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  task_id       TEXT REFERENCES tasks(id),
  name          TEXT NOT NULL,
  content_type  TEXT NOT NULL,
  size          BIGINT NOT NULL,
  sha256        TEXT NOT NULL,
  uploader_id   TEXT,
  created_at    BIGINT NOT NULL
);
CREATE INDEX files_org ON files (org_id, created_at, id);
CREATE INDEX files_task ON files (task_id);
