import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { repoRoot } from "./infra.js";
import { waitFor } from "./wait-for.js";

export interface ServiceProcess {
  readonly url: string;
  readonly httpPort: number;
  readonly grpcPort: number | undefined;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code when the process exits by itself. */
  exited(): Promise<number | null>;
  /** SIGTERM, then wait for exit (SIGKILL after timeoutMs). Resolves with the exit code. */
  stop(timeoutMs?: number): Promise<number | null>;
}

function readEnvFile(path: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const separator = trimmed.indexOf("=");
    if (separator > 0) values[trimmed.slice(0, separator)] = trimmed.slice(separator + 1);
  }
  return values;
}

/**
 * The environment scripts/stack starts a service with: scripts/env/common.env, then
 * scripts/env/<service>.env (later files win).
 */
export function stackEnvironment(service: string): Record<string, string> {
  return {
    ...readEnvFile(join(repoRoot, "scripts/env/common.env")),
    ...readEnvFile(join(repoRoot, `scripts/env/${service}.env`)),
  };
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        resolve(typeof address === "object" && address !== null ? address.port : 0),
      );
    });
  });
}

/**
 * Starts another instance of a built service (`services/<name>/dist/main.js`) with the local
 * stack's environment (scripts/env/common.env + <name>.env), on free ports unless overridden,
 * and waits until its /readyz answers 200. For tests that need a second replica.
 */
export async function startServiceProcess(
  name: string,
  overrides: Record<string, string> = {},
  options: { readyTimeoutMs?: number; waitForReady?: boolean } = {},
): Promise<ServiceProcess> {
  const environment = stackEnvironment(name);
  const httpPort = await freePort();
  environment.HTTP_PORT = String(httpPort);
  let grpcPort: number | undefined;
  if (environment.GRPC_PORT !== undefined) {
    grpcPort = await freePort();
    environment.GRPC_PORT = String(grpcPort);
  }
  Object.assign(environment, overrides);
  const child: ChildProcess = spawn(
    process.execPath,
    ["--enable-source-maps", `services/${name}/dist/main.js`],
    {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? "", ...environment },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  // "close", not "exit": what the process wrote last may still be in the pipes at "exit".
  const exited = new Promise<number | null>((resolve) =>
    child.once("close", (code) => resolve(code)),
  );
  const port = Number(environment.HTTP_PORT);
  const url = `http://127.0.0.1:${port}`;
  const handle: ServiceProcess = {
    url,
    httpPort: port,
    grpcPort: environment.GRPC_PORT === undefined ? undefined : Number(environment.GRPC_PORT),
    output: () => output,
    exited: () => exited,
    async stop(timeoutMs = 10_000) {
      if (child.exitCode !== null) return exited;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  if (options.waitForReady === false) return handle;
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null)
          throw new Error(`${name} exited with ${child.exitCode}: ${output}`);
        const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1_000) });
        return response.ok;
      },
      { timeoutMs: options.readyTimeoutMs ?? 30_000, intervalMs: 200, message: `${name} ready` },
    );
  } catch (error) {
    await handle.stop();
    throw new Error(`${(error as Error).message}\n--- ${name} output ---\n${output}`);
  }
  return handle;
}
