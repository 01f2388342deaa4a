-- migrate:up
-- Requests per API key, UTC day and route, rolled up from orrery.usage.v1. Each event is
-- counted once: its id goes into usage_events_seen in the same statement that adds it, so a
-- redelivered event (consumer restart, rebalance) changes nothing.
CREATE TABLE key_usage_daily (
  account_id    text   NOT NULL,
  key_id        text   NOT NULL,
  day           date   NOT NULL,
  route         text   NOT NULL,
  requests      bigint NOT NULL DEFAULT 0,
  errors        bigint NOT NULL DEFAULT 0,
  rate_limited  bigint NOT NULL DEFAULT 0,
  cache_hits    bigint NOT NULL DEFAULT 0,
  bytes         bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (account_id, key_id, day, route)
);

-- Ids of counted events, kept a little longer than the topic keeps events (7 days).
CREATE TABLE usage_events_seen (
  event_id  text        PRIMARY KEY,
  seen_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX usage_events_seen_seen_at_idx ON usage_events_seen (seen_at);

-- migrate:down
DROP TABLE usage_events_seen;
DROP TABLE key_usage_daily;
