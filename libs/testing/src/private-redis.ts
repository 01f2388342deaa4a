import { type ChildProcess, spawn } from "node:child_process";
import { freePort } from "./service-process.js";
import { waitFor } from "./wait-for.js";

export interface PrivateRedis {
  readonly url: string;
  readonly port: number;
  /** Kills the server (SIGKILL: an outage, not a shutdown); resolves once it has exited. */
  stop(): Promise<void>;
  /** Kills it if it runs, and starts it again on the same port, empty (nothing is persisted). */
  restart(): Promise<void>;
  /** SIGSTOP: the server keeps its connections but answers nothing (a hung Redis). */
  pause(): void;
  resume(): void;
}

async function spawnRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: "ignore",
    },
  );
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      const { createConnection } = await import("node:net");
      return new Promise<boolean>((resolve) => {
        const socket = createConnection({ host: "127.0.0.1", port }, () => {
          socket.end();
          resolve(true);
        });
        socket.on("error", () => resolve(false));
      });
    },
    { timeoutMs: 10_000, intervalMs: 50, message: `private redis-server on ${port}` },
  );
  return child;
}

/**
 * A redis-server of this test's own, on a free port, for tests that take Redis away (never
 * the shared one other engineers' tests use).
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined = await spawnRedis(port);
  const stop = async () => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGCONT");
    running.kill("SIGKILL");
    await exited;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    async restart() {
      await stop();
      child = await spawnRedis(port);
    },
    pause: () => child?.kill("SIGSTOP"),
    resume: () => child?.kill("SIGCONT"),
  };
}
