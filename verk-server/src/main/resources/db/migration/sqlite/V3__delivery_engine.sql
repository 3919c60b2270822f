-- A redeliver or recover gives a delivery a fresh retry budget without renumbering its attempts:
-- retry_base is how many attempts were made before the current budget started.
ALTER TABLE deliveries ADD COLUMN retry_base INTEGER NOT NULL DEFAULT 0;
