-- Wakes every node's dispatcher (LISTEN verk_deliveries, see PostgresWakeups) when a transaction
-- that queued pending deliveries commits. PostgreSQL sends a NOTIFY only at commit, and folds
-- identical ones of one transaction into one. This used to be a separate "SELECT pg_notify" round
-- trip of every publishing API request; a statement trigger costs no round trip. Send Test rows
-- (test, leased by the node that sends them) and skipped rows (disabled webhooks) wake nobody.
CREATE FUNCTION verk_notify_new_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM inserted WHERE status = 'pending' AND NOT test) THEN
    PERFORM pg_notify('verk_deliveries', '');
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER deliveries_notify AFTER INSERT ON deliveries
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION verk_notify_new_deliveries();
