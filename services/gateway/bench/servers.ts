import { type ChildProcess, fork, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  extraNodeArguments,
  freePort,
  parseEnvironmentLines,
  stackEnvironment,
  waitFor,
} from "@orrery/testing";

export interface BenchServer {
  readonly url: string;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    await exited;
  };
}

/** A bench server module that reports its port over IPC (hello-server, gateway-server). */
export async function forkServer(
  module: URL | string,
  env?: Record<string, string>,
): Promise<BenchServer> {
  const child = fork(module, {
    stdio: "inherit",
    execArgv: ["--enable-source-maps", ...extraNodeArguments()],
    ...(env === undefined ? {} : { env: { PATH: process.env.PATH ?? "", ...env } }),
  });
  const [message] = (await once(child, "message")) as [{ port: number }];
  return { url: `http://127.0.0.1:${message.port}`, stop: stopper(child) };
}

/**
 * The gateway's environment for another checkout's build: this stack's environment, plus the
 * variables that checkout's env files declare and this one no longer does (an older gateway may
 * require settings since removed). Both run against this stack, on its default ports.
 */
export function gatewayEnvironmentOf(checkout: string): Record<string, string> {
  const declared = ["common.env", "gateway.env"]
    .map((file) => join(checkout, "scripts/env", file))
    .filter((path) => existsSync(path))
    .map((path) => parseEnvironmentLines(readFileSync(path, "utf8")));
  return Object.assign({}, ...declared, stackEnvironment("gateway"));
}

/**
 * A gateway exactly as it runs in production: `dist/main.js` of the given build, with the local
 * stack's environment (api-key, rate-limit's Redis, Kafka), on a free port, once ready.
 */
export async function startProductionGateway(
  main: string,
  environment: Record<string, string> = stackEnvironment("gateway"),
): Promise<BenchServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--enable-source-maps", ...extraNodeArguments(), main], {
    env: {
      PATH: process.env.PATH ?? "",
      ...environment,
      HTTP_PORT: String(port),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`${main} exited with ${child.exitCode}`);
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1_000) });
      return response.ok;
    },
    { timeoutMs: 60_000, intervalMs: 250, message: `${main} ready` },
  );
  return { url, stop: stopper(child) };
}
