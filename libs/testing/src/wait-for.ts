import { setTimeout as sleep } from "node:timers/promises";

/** Polls until `probe` returns a value other than undefined/false, or fails after timeoutMs. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  options: { timeoutMs: number; intervalMs?: number; message?: string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : "";
      throw new Error(
        `${options.message ?? "condition"} not met within ${options.timeoutMs} ms${reason}`,
      );
    }
    await sleep(options.intervalMs ?? 100);
  }
}
