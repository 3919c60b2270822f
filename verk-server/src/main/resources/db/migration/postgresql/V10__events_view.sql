-- The events view (GET /v1/events and the dashboard's Events page) lists one organization's
-- events newest first, optionally of one type: each keyset page is a range scan of one of these.
-- The delivery charts need no index of their own: deliveries_webhook (webhook_id, created_at) and
-- attempts_webhook_time (webhook_id, attempted_at) serve their time windows.
CREATE INDEX events_org_time ON events (org_id, occurred_at, id);
CREATE INDEX events_org_type_time ON events (org_id, type, occurred_at, id);
