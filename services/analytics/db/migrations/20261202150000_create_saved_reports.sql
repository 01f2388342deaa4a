-- migrate:up
-- Usage queries an account keeps under a name (issue 14, saved reports). The definition is the
-- query as given (a relative window or fixed from/to); next_run_at is set only for scheduled
-- reports, for the scheduler to find the due ones.
CREATE TABLE saved_reports (
  id           uuid        PRIMARY KEY,
  account_id   text        NOT NULL,
  definition   jsonb       NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  next_run_at  timestamptz
);

-- An account's reports newest first (list pages, the limit's count).
CREATE INDEX saved_reports_account_idx ON saved_reports (account_id, created_at DESC, id DESC);
-- Due schedules.
CREATE INDEX saved_reports_due_idx ON saved_reports (next_run_at) WHERE next_run_at IS NOT NULL;

-- migrate:down
DROP TABLE saved_reports;
