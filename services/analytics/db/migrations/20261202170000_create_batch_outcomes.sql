-- migrate:up
-- One row per batch seen on orrery.batch.events.v1: when its first event arrived and, once it
-- ended (completed, failed, cancelled, expired), how and with how many items. Written
-- idempotently (the earliest first event, the first ending), so a redelivered event changes
-- nothing. The admin overview sums the batches that ended in its range.
CREATE TABLE batch_outcomes (
  batch_id         text        PRIMARY KEY,
  account_id       text        NOT NULL,
  first_event_at   timestamptz NOT NULL,
  ended_at         timestamptz,
  status           text,
  succeeded_items  integer     NOT NULL DEFAULT 0,
  failed_items     integer     NOT NULL DEFAULT 0
);

CREATE INDEX batch_outcomes_ended_idx ON batch_outcomes (ended_at) WHERE ended_at IS NOT NULL;

-- migrate:down
DROP TABLE batch_outcomes;
