-- migrate:up
-- Accounts (tenants) and their API keys. A key is stored only as an HMAC-SHA-256 of its
-- plaintext under a server pepper, plus a display `start`; the plaintext never reaches the
-- database. Rotation creates a new row and gives the old one an expiry at the end of the grace
-- period (replaced_by_key_id links them).
CREATE TABLE accounts (
  id                       text        PRIMARY KEY,
  name                     text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  plan                     text        NOT NULL CHECK (plan IN ('free', 'basic', 'premium')),
  status                   text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  limit_overrides          jsonb       NOT NULL DEFAULT '{}'::jsonb,
  billing_cycle_anchor_day smallint    NOT NULL DEFAULT 1 CHECK (billing_cycle_anchor_day BETWEEN 1 AND 28),
  -- The platform operators' own account: the only one whose keys may hold the `admin` scope.
  operator                 boolean     NOT NULL DEFAULT false,
  suspension_reason        text,
  created_at               timestamptz NOT NULL DEFAULT now(),
  updated_at               timestamptz NOT NULL DEFAULT now(),
  suspended_at             timestamptz
);

CREATE UNIQUE INDEX accounts_one_operator_idx ON accounts (operator) WHERE operator;
CREATE INDEX accounts_created_at_id_idx ON accounts (created_at DESC, id DESC);

CREATE TABLE api_keys (
  id                  text        PRIMARY KEY,
  account_id          text        NOT NULL REFERENCES accounts (id),
  name                text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  environment         text        NOT NULL CHECK (environment IN ('live', 'test')),
  secret_hash         bytea       NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
  start               text        NOT NULL,
  scopes              text[]      NOT NULL,
  limit_overrides     jsonb       NOT NULL DEFAULT '{}'::jsonb,
  expires_at          timestamptz,
  last_used_at        timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  rotated_at          timestamptz,
  replaced_by_key_id  text        REFERENCES api_keys (id),
  revoked_at          timestamptz
);

CREATE INDEX api_keys_account_created_idx ON api_keys (account_id, created_at DESC, id DESC);

-- migrate:down
DROP TABLE api_keys;
DROP TABLE accounts;
