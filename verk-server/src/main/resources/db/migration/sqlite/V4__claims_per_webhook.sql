-- Claims while some webhooks are saturated (a dead endpoint at its in-flight limit) take each
-- other webhook's oldest due rows through this index, instead of walking the saturated webhooks'
-- due backlog in deliveries_due on every claim.
CREATE INDEX deliveries_webhook_due ON deliveries (webhook_id, next_attempt_at) WHERE status = 'pending';
