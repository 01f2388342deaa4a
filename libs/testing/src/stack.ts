import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { repoRoot } from "./infra.js";

const run = promisify(execFile);

/**
 * Stops or starts one component of the real local stack (`scripts/stack down kafka`), for
 * resilience tests. Only tests in the `resilience` project may call this: they run alone.
 */
export async function stackComponent(action: "up" | "down", component: string): Promise<void> {
  await run(`${repoRoot}scripts/stack`, [action, component], { timeout: 180_000 });
}
