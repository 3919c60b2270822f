-- Failure alerts (docs/alerts.md). An alert is written in the transaction that records the
-- delivery outcome that raised it, with one queued email per recipient: nothing is lost in a crash.

-- Where each webhook stands in the alert rule: the open alert ('failing' or 'disabled') until the
-- next success closes it, and when the last failing alert was raised (at most one a day).
CREATE TABLE webhook_alert_state (
  webhook_id        TEXT PRIMARY KEY REFERENCES webhooks(id) ON DELETE CASCADE,
  org_id            TEXT NOT NULL,
  open_alert        TEXT,
  last_failing_at   BIGINT
);
CREATE INDEX webhook_alert_state_org ON webhook_alert_state (org_id);

-- What happened, with a snapshot of the webhook (it may be deleted later) and its last errors as
-- JSON; kept for the dashboard's "recent alerts".
CREATE TABLE alerts (
  id                   TEXT PRIMARY KEY,
  org_id               TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  webhook_id           TEXT NOT NULL,
  kind                 TEXT NOT NULL,
  webhook_url          TEXT NOT NULL,
  webhook_description  TEXT,
  reason               TEXT NOT NULL,
  details              TEXT NOT NULL,
  created_at           BIGINT NOT NULL
);
CREATE INDEX alerts_org ON alerts (org_id, created_at);
CREATE INDEX alerts_webhook ON alerts (webhook_id, created_at);

-- One email per alert and recipient, claimed with a lease like deliveries.
CREATE TABLE alert_emails (
  id                TEXT PRIMARY KEY,
  alert_id          TEXT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  org_id            TEXT NOT NULL,
  recipient         TEXT NOT NULL,
  status            TEXT NOT NULL,
  attempts          INTEGER NOT NULL DEFAULT 0,
  next_attempt_at   BIGINT,
  lease_owner       TEXT,
  lease_expires_at  BIGINT,
  sent_at           BIGINT,
  last_error        TEXT,
  created_at        BIGINT NOT NULL
);
CREATE INDEX alert_emails_due ON alert_emails (next_attempt_at) WHERE status = 'pending';
CREATE INDEX alert_emails_alert ON alert_emails (alert_id);

-- Each member can turn the alert emails off for themselves.
ALTER TABLE members ADD COLUMN alert_emails BOOLEAN NOT NULL DEFAULT TRUE;
