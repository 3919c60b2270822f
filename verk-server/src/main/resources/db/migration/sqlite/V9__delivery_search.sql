-- Find a delivery by the object its event is about (docs/dashboard.md, "Find a delivery"): the id
-- of that object (data.id; data.webhookId for webhook.* events) is kept in a column, written when
-- the event is published, so that a search walks an index instead of every event's JSON.
ALTER TABLE events ADD COLUMN object_id TEXT;

-- Events published before this version: the same id, read from their JSON once.
UPDATE events SET object_id = CASE
    WHEN json_type(data, '$.id') = 'text' THEN json_extract(data, '$.id')
    WHEN json_type(data, '$.webhookId') = 'text' THEN json_extract(data, '$.webhookId')
  END
WHERE json_valid(data);

-- A search takes the organization's events about the object, then their deliveries through
-- deliveries_event (event_id): the cost follows the matches, not the size of the log.
CREATE INDEX events_object ON events (org_id, object_id);
