import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { repoRoot } from "./infra.js";

const run = promisify(execFile);

/**
 * Stops, starts or kills (SIGKILL: a crash) one component of the real local stack
 * (`scripts/stack kill postgres`), for resilience tests. Only tests in the `resilience` project
 * may call this: they run alone.
 */
export async function stackComponent(
  action: "up" | "down" | "kill",
  component: string,
): Promise<void> {
  await run(`${repoRoot}scripts/stack`, [action, component], { timeout: 180_000 });
}

/** The operator's admin key, as scripts/stack prints it (idempotent). */
export async function stackAdminKey(): Promise<string> {
  const { stdout } = await run(`${repoRoot}scripts/stack`, ["admin-key"], { timeout: 60_000 });
  const key = stdout.split("\n")[0]?.trim() ?? "";
  if (key === "") throw new Error("scripts/stack admin-key printed no key");
  return key;
}
