-- Endpoint controls (issue 16, docs/delivery.md): a rate limit per webhook, and the pause its
-- receiver asks for with 429/503 + Retry-After.
ALTER TABLE webhooks ADD COLUMN rate_limit INTEGER;
ALTER TABLE webhooks ADD COLUMN paused_until BIGINT;

-- The rate limit's state, one row per limited webhook, shared by every node (docs/engine.md): a
-- GCRA bucket. next_send_us is the theoretical time of the next send (microseconds); a send is
-- allowed while it is at most the burst tolerance ahead of now. deferred_until_us is where the next
-- delivery that must wait is placed, so that waiting deliveries get distinct, spaced times.
-- rate_limit is the limit the state was computed for: a changed limit starts afresh.
CREATE TABLE webhook_rate_buckets (
  webhook_id         TEXT PRIMARY KEY REFERENCES webhooks(id) ON DELETE CASCADE,
  rate_limit         INTEGER NOT NULL,
  next_send_us       BIGINT NOT NULL,
  deferred_until_us  BIGINT NOT NULL
);
