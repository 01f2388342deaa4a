-- migrate:up
-- Results are stored as their UTF-8 text and compressed by Postgres with lz4 rather than
-- gzipped by the worker: lz4 costs the database less than gzip costs the worker, and the
-- results export no longer inflates each row in Node. Rows written before keep their gzip
-- (the reader tells them apart by the gzip magic bytes). Applies to values written from now on.
ALTER TABLE batch_items ALTER COLUMN result SET COMPRESSION lz4;

-- migrate:down
ALTER TABLE batch_items ALTER COLUMN result SET COMPRESSION default;
