-- migrate:up
-- The transactional outbox (libs/events): a service writes its state change and the event that
-- announces it in one transaction; the relay publishes rows to Kafka and marks them, so an event
-- whose change committed is published even when Kafka was down at that moment.
CREATE TABLE outbox_events (
  seq            bigserial   PRIMARY KEY,
  id             uuid        NOT NULL UNIQUE,
  topic          text        NOT NULL,
  partition_key  text        NOT NULL,
  type           text        NOT NULL,
  headers        jsonb       NOT NULL,
  payload        bytea       NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  published_at   timestamptz,
  attempts       integer     NOT NULL DEFAULT 0,
  last_error     text
);

CREATE INDEX outbox_events_unpublished_idx ON outbox_events (seq) WHERE published_at IS NULL;
CREATE INDEX outbox_events_published_at_idx ON outbox_events (published_at) WHERE published_at IS NOT NULL;

-- Wakes the relay at once instead of waiting for its next poll.
CREATE FUNCTION outbox_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox_events', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_events_notify AFTER INSERT ON outbox_events
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_events_notify();

-- migrate:down
DROP TRIGGER outbox_events_notify ON outbox_events;
DROP FUNCTION outbox_events_notify();
DROP TABLE outbox_events;
