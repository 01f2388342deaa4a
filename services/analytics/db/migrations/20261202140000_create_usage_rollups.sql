-- migrate:up
-- Usage rollups by minute, hour and UTC day, per account, key, route, status class and cache
-- outcome, built from orrery.usage.v1 in batches. Each table is partitioned by time (minute rows
-- by day, hour rows by month, day rows by year); the service creates partitions ahead and drops
-- those past retention (its maintenance job), so retention never deletes rows one by one.
--
-- latency_sketch is a mergeable log-bucket sketch (src/domain/latency-sketch.ts): a flat array of
-- (bucket index, count) pairs in ascending bucket order. latency_sketch_merge adds two of them.
CREATE FUNCTION latency_sketch_merge(a bigint[], b bigint[]) RETURNS bigint[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(value ORDER BY bucket, position), '{}')
  FROM (
    SELECT pairs.bucket, sum(pairs.count)::bigint AS count
    FROM (
      SELECT sketch[2 * i - 1] AS bucket, sketch[2 * i] AS count
      FROM (VALUES (a), (b)) AS sketches(sketch),
           generate_series(1, coalesce(array_length(sketch, 1), 0) / 2) AS i
    ) AS pairs
    GROUP BY pairs.bucket
  ) AS merged,
  LATERAL (VALUES (1, merged.bucket), (2, merged.count)) AS flat(position, value)
$$;

CREATE TABLE usage_rollup_minute (
  bucket_start    timestamptz NOT NULL,
  account_id      text        NOT NULL,
  key_id          text        NOT NULL,
  route           text        NOT NULL,
  status_class    smallint    NOT NULL,
  cache_hit       boolean     NOT NULL,
  requests        bigint      NOT NULL,
  errors_4xx      bigint      NOT NULL,
  errors_5xx      bigint      NOT NULL,
  rate_limited    bigint      NOT NULL,
  bytes           bigint      NOT NULL,
  quota_units     bigint      NOT NULL,
  latency_sketch  bigint[]    NOT NULL,
  PRIMARY KEY (account_id, bucket_start, key_id, route, status_class, cache_hit)
) PARTITION BY RANGE (bucket_start);

-- The same columns and primary key (LIKE … INCLUDING ALL).
CREATE TABLE usage_rollup_hour (LIKE usage_rollup_minute INCLUDING ALL)
  PARTITION BY RANGE (bucket_start);

CREATE TABLE usage_rollup_day (LIKE usage_rollup_minute INCLUDING ALL)
  PARTITION BY RANGE (bucket_start);

-- Per-key daily counts are now read from usage_rollup_day (GetKeyUsage). The counts kept so far
-- move there: their status classes and cache outcomes were not recorded by status, so errors
-- land in class 4, cache hits in class 2, and they carry no latencies.
DO $$
DECLARE
  year integer;
BEGIN
  FOR year IN SELECT DISTINCT extract(year FROM day)::integer FROM key_usage_daily LOOP
    EXECUTE format(
      'CREATE TABLE usage_rollup_day_p%s PARTITION OF usage_rollup_day FOR VALUES FROM (%L) TO (%L)',
      year, make_timestamptz(year, 1, 1, 0, 0, 0, 'UTC'), make_timestamptz(year + 1, 1, 1, 0, 0, 0, 'UTC'));
  END LOOP;
END $$;

INSERT INTO usage_rollup_day
  (bucket_start, account_id, key_id, route, status_class, cache_hit, requests, errors_4xx,
   errors_5xx, rate_limited, bytes, quota_units, latency_sketch)
SELECT (day::timestamp AT TIME ZONE 'UTC'), account_id, key_id, route, parts.status_class,
       parts.cache_hit, parts.requests, parts.errors_4xx, 0, parts.rate_limited,
       CASE WHEN parts.first THEN bytes ELSE 0 END, 0, '{}'
FROM key_usage_daily,
LATERAL (VALUES
  (2::smallint, true, cache_hits, 0::bigint, 0::bigint, true),
  (2::smallint, false, greatest(requests - errors - rate_limited - cache_hits, 0), 0, 0, false),
  (4::smallint, false, errors + rate_limited, errors, rate_limited, false)
) AS parts(status_class, cache_hit, requests, errors_4xx, rate_limited, first)
WHERE parts.requests > 0 OR parts.first;

DROP TABLE key_usage_daily;

-- migrate:down
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
INSERT INTO key_usage_daily
SELECT account_id, key_id, (bucket_start AT TIME ZONE 'UTC')::date, route, sum(requests),
       sum(errors_4xx + errors_5xx), sum(rate_limited),
       coalesce(sum(requests) FILTER (WHERE cache_hit), 0), sum(bytes)
FROM usage_rollup_day GROUP BY 1, 2, 3, 4;
DROP TABLE usage_rollup_day;
DROP TABLE usage_rollup_hour;
DROP TABLE usage_rollup_minute;
DROP FUNCTION latency_sketch_merge(bigint[], bigint[]);
