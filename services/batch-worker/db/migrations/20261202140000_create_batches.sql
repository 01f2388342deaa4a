-- migrate:up
-- Batches and their items. An item row carries its outcome: the result (gzip-compressed, so a
-- 50,000-item batch of wheels stays in the hundreds of megabytes, not gigabytes) or the problem
-- detail. Counters on the batch row are moved in the same statement that records outcomes, and
-- only for items still pending, so an item redone after a crash is never counted twice.
CREATE TABLE batches (
  id                        text        PRIMARY KEY,
  account_id                text        NOT NULL,
  status                    text        NOT NULL CHECK (status IN ('validating', 'in_progress',
                              'finalizing', 'completed', 'failed', 'expired', 'cancelling', 'cancelled')),
  total_items               integer     NOT NULL DEFAULT 0,
  succeeded_items           integer     NOT NULL DEFAULT 0,
  failed_items              integer     NOT NULL DEFAULT 0,
  metadata                  jsonb       NOT NULL DEFAULT '{}'::jsonb,
  completion_window_seconds integer     NOT NULL,
  idempotency_key           text,
  created_at                timestamptz NOT NULL DEFAULT now(),
  in_progress_at            timestamptz,
  finalizing_at             timestamptz,
  cancelling_at             timestamptz,
  completed_at              timestamptz,
  expires_at                timestamptz NOT NULL,
  -- When the last batch.progress event was recorded (at most one per second).
  progress_reported_at      timestamptz
);

-- GET /v1/batches: an account's batches, newest first (keyset on created_at, id).
CREATE INDEX batches_account_created_idx ON batches (account_id, created_at DESC, id DESC);
-- Idempotent create: one batch per (account, Idempotency-Key).
CREATE UNIQUE INDEX batches_idempotency_idx ON batches (account_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
-- The expiry job: running batches past their window.
CREATE INDEX batches_expiry_idx ON batches (expires_at) WHERE status IN ('in_progress', 'cancelling');
-- The retention job: finished batches by age.
CREATE INDEX batches_completed_idx ON batches (completed_at) WHERE completed_at IS NOT NULL;

CREATE TABLE batch_items (
  batch_id     text     NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
  index        integer  NOT NULL,
  custom_id    text     NOT NULL,
  type         text     NOT NULL,
  status       text     NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'expired', 'cancelled')),
  params       text,
  attempts     smallint NOT NULL DEFAULT 0,
  -- gzip of the result text (JSON or SVG).
  result       bytea,
  error        jsonb,
  PRIMARY KEY (batch_id, index)
);
-- results / errors pages: items of one outcome in index order.
CREATE INDEX batch_items_outcome_idx ON batch_items (batch_id, status, index);

-- migrate:down
DROP TABLE batch_items;
DROP TABLE batches;
