-- migrate:up
-- Webhook delivery attempts per UTC hour and account, rolled up from orrery.webhooks.attempts.v1
-- (one event per attempt) for the admin overview's success rate. An event is counted once: its
-- id is claimed in webhook_attempts_seen in the transaction that adds it, so a redelivered event
-- changes nothing. The primary key leads with the hour: the overview reads a range of hours
-- across accounts, and retention deletes the hours before a cutoff, both along it.
CREATE TABLE webhook_outcomes (
  bucket_start  timestamptz NOT NULL,
  account_id    text        NOT NULL,
  attempts      bigint      NOT NULL DEFAULT 0,
  succeeded     bigint      NOT NULL DEFAULT 0,
  failed        bigint      NOT NULL DEFAULT 0,
  duration_ms   bigint      NOT NULL DEFAULT 0,
  PRIMARY KEY (bucket_start, account_id)
);

-- Ids of counted attempt events, kept a little longer than the topic keeps events (7 days).
CREATE TABLE webhook_attempts_seen (
  event_id  text        PRIMARY KEY,
  seen_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX webhook_attempts_seen_seen_at_idx ON webhook_attempts_seen (seen_at);

-- migrate:down
DROP TABLE webhook_attempts_seen;
DROP TABLE webhook_outcomes;
