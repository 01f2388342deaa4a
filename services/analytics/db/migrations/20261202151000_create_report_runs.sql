-- migrate:up
-- The outputs of saved reports' runs (manual or scheduled), each bounded in size; a report keeps
-- its latest runs only, and its runs go with it.
CREATE TABLE report_runs (
  id          uuid        PRIMARY KEY,
  report_id   uuid        NOT NULL REFERENCES saved_reports (id) ON DELETE CASCADE,
  account_id  text        NOT NULL,
  created_at  timestamptz NOT NULL,
  trigger     text        NOT NULL,
  output      jsonb       NOT NULL,
  truncated   boolean     NOT NULL,
  points      integer     NOT NULL
);

CREATE INDEX report_runs_report_idx ON report_runs (report_id, created_at DESC, id DESC);

-- migrate:down
DROP TABLE report_runs;
