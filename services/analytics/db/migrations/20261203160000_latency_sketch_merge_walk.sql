-- migrate:up
-- latency_sketch_merge runs for every rollup row an ingest transaction adds to (nearly all of
-- them: the hour and day rows of an account exist after its first minute). As a SQL query
-- (unnest, group, re-aggregate) it was planned and executed per row; PL/pgSQL walks the two
-- sorted pair arrays once. The result is the same for sketches in their stored form (ascending,
-- distinct buckets); NULL or empty sketches count as empty, as before.
CREATE OR REPLACE FUNCTION latency_sketch_merge(a bigint[], b bigint[]) RETURNS bigint[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  merged bigint[] := '{}';
  k integer := 1;
  i integer := 1;
  j integer := 1;
  a_end integer := coalesce(array_length(a, 1), 0);
  b_end integer := coalesce(array_length(b, 1), 0);
BEGIN
  WHILE i < a_end OR j < b_end LOOP
    IF j >= b_end OR (i < a_end AND a[i] < b[j]) THEN
      merged[k] := a[i];
      merged[k + 1] := a[i + 1];
      i := i + 2;
    ELSIF i >= a_end OR b[j] < a[i] THEN
      merged[k] := b[j];
      merged[k + 1] := b[j + 1];
      j := j + 2;
    ELSE
      merged[k] := a[i];
      merged[k + 1] := a[i + 1] + b[j + 1];
      i := i + 2;
      j := j + 2;
    END IF;
    k := k + 2;
  END LOOP;
  RETURN merged;
END
$$;

-- migrate:down
CREATE OR REPLACE FUNCTION latency_sketch_merge(a bigint[], b bigint[]) RETURNS bigint[]
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
