-- migrate:up
-- Monthly usage per account (and per key with its own quota) and billing cycle, persisted from
-- Redis every few seconds; restored into Redis when Redis lost its data.
CREATE TABLE usage_counters (
  account_id   text        NOT NULL,
  scope        text        NOT NULL,
  cycle_start  timestamptz NOT NULL,
  cycle_end    timestamptz NOT NULL,
  used         bigint      NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, scope, cycle_start)
);

-- Restores read the cycles that have not ended yet.
CREATE INDEX usage_counters_cycle_end_idx ON usage_counters (cycle_end);

-- A quota threshold crossed in a cycle: the primary key makes the announcement happen once, on
-- any replica, across restarts; the event itself goes out through the outbox in the same
-- transaction.
CREATE TABLE quota_notifications (
  account_id         text        NOT NULL,
  cycle_start        timestamptz NOT NULL,
  threshold_percent  integer     NOT NULL,
  event_id           uuid        NOT NULL,
  used               bigint      NOT NULL,
  quota              bigint      NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, cycle_start, threshold_percent)
);

-- migrate:down
DROP TABLE quota_notifications;
DROP TABLE usage_counters;
