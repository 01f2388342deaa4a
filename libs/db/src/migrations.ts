import { spawn } from "node:child_process";
import { resolveBinary } from "dbmate";

export interface MigrationOptions {
  readonly databaseUrl: string;
  /** Migration folders, applied together in timestamp order (the service's own, the outbox's …). */
  readonly directories: readonly string[];
  /** Where dbmate's output goes; inherits the parent's stdout by default. */
  readonly stdio?: "inherit" | "pipe";
}

/**
 * Applies pending SQL migrations with dbmate (plain SQL files with `-- migrate:up` and
 * `-- migrate:down`), waiting up to a minute for the database to accept connections.
 * Each migration runs in a transaction; applied versions are recorded in `schema_migrations`.
 */
export function runMigrations(options: MigrationOptions): Promise<string> {
  const args = [
    "--url",
    withLoopbackSslDefault(options.databaseUrl),
    "--no-dump-schema",
    "--wait",
    ...options.directories.flatMap((directory) => ["--migrations-dir", directory]),
    "migrate",
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(resolveBinary(), args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (options.stdio !== "pipe") process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (options.stdio !== "pipe") process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`dbmate exited with ${code}: ${output.trim()}`)),
    );
  });
}

/**
 * dbmate's driver (lib/pq) requires TLS unless told otherwise, while node-postgres does not;
 * a loopback server (the local stack) has no certificate, so default to no TLS there only.
 * Remote URLs keep whatever they say, or TLS.
 */
function withLoopbackSslDefault(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  if (loopback && !url.searchParams.has("sslmode")) url.searchParams.set("sslmode", "disable");
  return url.toString();
}
