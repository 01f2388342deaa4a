-- migrate:up
-- Retention removes batches that ended before the cutoff (batch_outcomes_ended_idx) and batches
-- whose ending never arrived, by their first event: this index reaches those without a scan.
CREATE INDEX batch_outcomes_unended_idx ON batch_outcomes (first_event_at) WHERE ended_at IS NULL;

-- migrate:down
DROP INDEX batch_outcomes_unended_idx;
