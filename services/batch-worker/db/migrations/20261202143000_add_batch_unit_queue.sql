-- migrate:up
-- First item of the next work unit to queue: a batch has only a few units queued at a time
-- (each finished unit queues the next), so another batch's units wait behind few of its own.
ALTER TABLE batches ADD COLUMN next_unit_index integer NOT NULL DEFAULT 0;

-- migrate:down
ALTER TABLE batches DROP COLUMN next_unit_index;
