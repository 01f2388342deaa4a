import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { repoRoot } from "./infra.js";
import { waitFor } from "./wait-for.js";

export interface ServiceProcess {
  readonly url: string;
  readonly httpPort: number;
  readonly grpcPort: number | undefined;
  /** The process id (for /proc readings in benchmarks). */
  readonly pid: number | undefined;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code when the process exits by itself. */
  exited(): Promise<number | null>;
  /** SIGTERM, then wait for exit (SIGKILL after timeoutMs). Resolves with the exit code. */
  stop(timeoutMs?: number): Promise<number | null>;
  /** SIGKILL at once (a crash: no drain); resolves when the process is gone. */
  kill(): Promise<void>;
}

const environments = new Map<string, Record<string, string>>();

/**
 * The environment scripts/stack starts a service with (`scripts/stack env <service>`:
 * scripts/env/common.env, then scripts/env/<service>.env, with the ORRERY_*_PORT overrides the
 * stack itself applies), so a test reaches the same servers the stack's services do.
 */
export function stackEnvironment(service: string): Record<string, string> {
  const cached = environments.get(service);
  if (cached !== undefined) return { ...cached };
  const output = execFileSync(join(repoRoot, "scripts/stack"), ["env", service], {
    encoding: "utf8",
    env: process.env,
  });
  const values = parseEnvironmentLines(output);
  environments.set(service, values);
  return { ...values };
}

/**
 * `NAME=value` lines as a record: the output of `scripts/stack env`, or an env file of
 * scripts/env/ itself (comment and blank lines are passed over; the value is everything after
 * the first `=`).
 */
export function parseEnvironmentLines(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split("\n")) {
    if (line.trimStart().startsWith("#")) continue;
    const separator = line.indexOf("=");
    if (separator > 0) values[line.slice(0, separator)] = line.slice(separator + 1);
  }
  return values;
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
 * Extra node arguments for the service processes tests and benchmarks start, e.g.
 * `ORRERY_SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` to profile them (node refuses
 * --cpu-prof in NODE_OPTIONS).
 */
export function extraNodeArguments(): string[] {
  return (process.env.ORRERY_SERVICE_NODE_ARGS ?? "").split(/\s+/).filter((part) => part !== "");
}

/**
 * Starts another instance of a built service (`services/<name>/dist/main.js`) with the local
 * stack's environment (scripts/env/common.env + <name>.env), on free ports unless overridden,
 * and waits until its /readyz answers 200. For tests that need a second replica.
 */
export async function startServiceProcess(
  name: string,
  overrides: Record<string, string> = {},
  options: {
    readyTimeoutMs?: number;
    waitForReady?: boolean;
    args?: readonly string[];
  } = {},
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
    [
      "--enable-source-maps",
      ...extraNodeArguments(),
      `services/${name}/dist/main.js`,
      ...(options.args ?? []),
    ],
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
    pid: child.pid,
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
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
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

/** Where one service of the running stack listens, from the environment the stack gives it. */
export interface StackService {
  readonly name: string;
  readonly httpUrl: string;
  readonly httpPort: number;
  /** `dns:///host:port`; undefined for a service without a gRPC server. */
  readonly grpcTarget: string | undefined;
  readonly grpcPort: number | undefined;
}

export function stackService(name: string): StackService {
  const environment = stackEnvironment(name);
  const host = environment.BIND_HOST ?? "127.0.0.1";
  const httpPort = Number(environment.HTTP_PORT);
  const grpcPort = environment.GRPC_PORT === undefined ? undefined : Number(environment.GRPC_PORT);
  return {
    name,
    httpUrl: `http://${host}:${httpPort}`,
    httpPort,
    grpcTarget: grpcPort === undefined ? undefined : `dns:///${host}:${grpcPort}`,
    grpcPort,
  };
}

/** gRPC targets of the running stack's services. */
export function stackServiceTargets(): {
  readonly apiKey: string;
  readonly rateLimit: string;
  readonly webhook: string;
  readonly batch: string;
  readonly analytics: string;
} {
  const target = (name: string) => {
    const value = stackService(name).grpcTarget;
    if (value === undefined) throw new Error(`${name} has no GRPC_PORT in scripts/stack env`);
    return value;
  };
  return {
    apiKey: target("api-key"),
    rateLimit: target("rate-limit"),
    webhook: target("webhook-dispatcher"),
    batch: target("batch-worker"),
    analytics: target("analytics"),
  };
}
