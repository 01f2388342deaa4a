-- migrate:up
-- Partner endpoints, the events they are sent, one message per (event, endpoint) that is the
-- delivery queue, and every attempt. Retention deletes old events by events_created_idx; their
-- messages and attempts go with them through the cascades, each along an index.
CREATE TABLE endpoints (
  id                          text        PRIMARY KEY,
  account_id                  text        NOT NULL,
  url                         text        NOT NULL,
  description                 text        NOT NULL DEFAULT '',
  kind                        text        NOT NULL DEFAULT 'standard' CHECK (kind IN ('standard', 'slack', 'discord')),
  event_types                 text[]      NOT NULL DEFAULT '{}',
  metadata                    jsonb       NOT NULL DEFAULT '{}'::jsonb,
  rate_limit_per_second       integer     CHECK (rate_limit_per_second > 0),
  -- GCRA state of the endpoint's own throttle: the theoretical arrival time of the next attempt.
  rate_tat                    timestamptz,
  -- Signing secrets, AES-256-GCM under the envelope key named beside each (never plaintext).
  secret_key_id               text        NOT NULL,
  secret_ciphertext           bytea       NOT NULL,
  previous_secret_key_id      text,
  previous_secret_ciphertext  bytea,
  previous_secret_expires_at  timestamptz,
  disabled_at                 timestamptz,
  disabled_reason             text        CHECK (disabled_reason IN ('failing', 'gone', 'manual')),
  -- First failure since the last success; auto-disable measures from here.
  failing_since               timestamptz,
  created_at                  timestamptz NOT NULL DEFAULT now(),
  updated_at                  timestamptz NOT NULL DEFAULT now(),
  CHECK ((disabled_at IS NULL) = (disabled_reason IS NULL))
);

CREATE INDEX endpoints_account_created_idx ON endpoints (account_id, created_at DESC, id DESC);

-- An account event as it is sent: the exact JSON body of a standard endpoint (signed bytes).
CREATE TABLE events (
  -- The platform event's id (CloudEvents ce_id): a replayed Kafka record inserts nothing.
  id          text        PRIMARY KEY,
  account_id  text        NOT NULL,
  type        text        NOT NULL,
  payload     bytea       NOT NULL CHECK (length(payload) <= 262144),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX events_created_idx ON events (created_at);

CREATE TABLE messages (
  -- The webhook-id header of every attempt.
  id            text        PRIMARY KEY,
  account_id    text        NOT NULL,
  endpoint_id   text        NOT NULL REFERENCES endpoints (id) ON DELETE CASCADE,
  event_id      text        NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  event_type    text        NOT NULL,
  -- pending: waits for next_attempt_at; delivering: claimed, next_attempt_at is the lease's end.
  status        text        NOT NULL CHECK (status IN ('pending', 'delivering', 'succeeded', 'failed')),
  attempts      integer     NOT NULL DEFAULT 0,
  -- The message fails for good once this many attempts failed.
  max_attempts  integer     NOT NULL,
  next_attempt_at timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (event_id, endpoint_id),
  CHECK ((status IN ('pending', 'delivering')) = (next_attempt_at IS NOT NULL))
);

-- The scheduler walks the endpoints with pending work along this index and takes each one's
-- earliest due messages (fair: one endpoint's backlog never hides another's).
CREATE INDEX messages_pending_idx ON messages (endpoint_id, next_attempt_at) WHERE status = 'pending';
-- Claimed messages: in-flight counts per endpoint, and expired leases to take back.
CREATE INDEX messages_delivering_idx ON messages (endpoint_id, next_attempt_at) WHERE status = 'delivering';
CREATE INDEX messages_lease_idx ON messages (next_attempt_at) WHERE status = 'delivering';
CREATE INDEX messages_account_created_idx ON messages (account_id, created_at DESC, id DESC);
CREATE INDEX messages_endpoint_created_idx ON messages (endpoint_id, created_at DESC, id DESC);

-- New messages wake every dispatcher at once instead of at its next poll.
CREATE FUNCTION notify_webhook_messages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('webhook_messages', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER messages_notify AFTER INSERT ON messages
  FOR EACH STATEMENT EXECUTE FUNCTION notify_webhook_messages();

CREATE TABLE attempts (
  id               text        PRIMARY KEY,
  message_id       text        NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  endpoint_id      text        NOT NULL,
  number           integer     NOT NULL,
  started_at       timestamptz NOT NULL,
  response_status  integer     NOT NULL DEFAULT 0,
  latency_ms       integer     NOT NULL,
  error            text        NOT NULL DEFAULT '',
  -- The first 4 KiB of the response body.
  response_body    bytea       NOT NULL DEFAULT '\x'::bytea CHECK (length(response_body) <= 4096),
  succeeded        boolean     NOT NULL
);

CREATE INDEX attempts_message_idx ON attempts (message_id, started_at DESC, id DESC);

-- When a batch's last progress event went out: progress is sent at most once per interval.
CREATE TABLE batch_progress_sent (
  batch_id    text        PRIMARY KEY,
  sent_at     timestamptz NOT NULL
);

CREATE INDEX batch_progress_sent_at_idx ON batch_progress_sent (sent_at);

-- migrate:down
DROP TABLE batch_progress_sent;
DROP TABLE attempts;
DROP TABLE messages;
DROP FUNCTION notify_webhook_messages();
DROP TABLE events;
DROP TABLE endpoints;
