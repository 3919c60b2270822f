-- Times are epoch milliseconds (BIGINT) in both databases: one representation, cheap comparisons,
-- and the injected Clock is the only source of "now".

CREATE TABLE organizations (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  plan        TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL
);

CREATE TABLE members (
  id             TEXT PRIMARY KEY,
  org_id         TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  email          TEXT NOT NULL,
  name           TEXT NOT NULL,
  role           TEXT NOT NULL,
  password_hash  TEXT,
  created_at     BIGINT NOT NULL,
  updated_at     BIGINT NOT NULL
);
CREATE UNIQUE INDEX members_org_email ON members (org_id, email);
CREATE INDEX members_email ON members (email);

CREATE TABLE api_keys (
  id            TEXT PRIMARY KEY,
  org_id        TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  member_id     TEXT,
  name          TEXT NOT NULL,
  scopes        TEXT NOT NULL,
  key_hash      TEXT NOT NULL UNIQUE,
  key_prefix    TEXT NOT NULL,
  created_at    BIGINT NOT NULL,
  last_used_at  BIGINT,
  revoked_at    BIGINT
);
CREATE INDEX api_keys_org ON api_keys (org_id, created_at, id);

CREATE TABLE webhooks (
  id                          TEXT PRIMARY KEY,
  org_id                      TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  url                         TEXT NOT NULL,
  description                 TEXT,
  secret                      TEXT NOT NULL,
  previous_secret             TEXT,
  previous_secret_expires_at  BIGINT,
  active                      BOOLEAN NOT NULL,
  disabled_at                 BIGINT,
  disabled_reason             TEXT,
  last_success_at             BIGINT,
  created_at                  BIGINT NOT NULL,
  updated_at                  BIGINT NOT NULL
);
CREATE INDEX webhooks_org ON webhooks (org_id, created_at, id);

CREATE TABLE webhook_events (
  webhook_id  TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  org_id      TEXT NOT NULL,
  event_type  TEXT NOT NULL,
  PRIMARY KEY (webhook_id, event_type)
);
CREATE INDEX webhook_events_fanout ON webhook_events (org_id, event_type);

-- org_name is a snapshot taken when the event happened, so that the rendered envelope is
-- byte-identical on every retry even if the organization is renamed in between.
CREATE TABLE events (
  id           TEXT PRIMARY KEY,
  org_id       TEXT NOT NULL,
  org_name     TEXT NOT NULL,
  type         TEXT NOT NULL,
  data         TEXT NOT NULL,
  occurred_at  BIGINT NOT NULL
);
CREATE INDEX events_occurred ON events (occurred_at);

CREATE TABLE deliveries (
  id                TEXT PRIMARY KEY,
  org_id            TEXT NOT NULL,
  webhook_id        TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  event_id          TEXT NOT NULL REFERENCES events(id),
  event_type        TEXT NOT NULL,
  test              BOOLEAN NOT NULL DEFAULT FALSE,
  status            TEXT NOT NULL,
  attempts          INTEGER NOT NULL DEFAULT 0,
  next_attempt_at   BIGINT,
  lease_owner       TEXT,
  lease_expires_at  BIGINT,
  first_attempt_at  BIGINT,
  last_attempt_at   BIGINT,
  response_status   INTEGER,
  response_time_ms  BIGINT,
  last_error        TEXT,
  created_at        BIGINT NOT NULL,
  updated_at        BIGINT NOT NULL
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_webhook ON deliveries (webhook_id, created_at, id);
CREATE INDEX deliveries_event ON deliveries (event_id);
CREATE INDEX deliveries_created ON deliveries (created_at);

CREATE TABLE delivery_attempts (
  id                TEXT PRIMARY KEY,
  delivery_id       TEXT NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
  webhook_id        TEXT NOT NULL,
  number            INTEGER NOT NULL,
  attempted_at      BIGINT NOT NULL,
  success           BOOLEAN NOT NULL,
  response_status   INTEGER,
  response_time_ms  BIGINT,
  error             TEXT,
  response_body     TEXT,
  request_headers   TEXT
);
CREATE INDEX attempts_delivery ON delivery_attempts (delivery_id, number);
CREATE INDEX attempts_webhook_time ON delivery_attempts (webhook_id, attempted_at);
