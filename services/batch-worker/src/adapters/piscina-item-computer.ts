import { Piscina } from "piscina";
import type { ComputedOutcome, PendingItem } from "../domain/model.js";
import type { ItemComputer } from "../domain/ports.js";

/** Items computed on a worker-thread pool, one thread per core given to the process. */
export class PiscinaItemComputer implements ItemComputer {
  private readonly pool: Piscina;
  readonly parallelism: number;

  constructor(options: { readonly threads: number; readonly sliceSize: number }) {
    this.parallelism = options.threads;
    this.sliceSize = options.sliceSize;
    this.pool = new Piscina({
      filename: new URL("./compute-worker.js", import.meta.url).href,
      minThreads: options.threads,
      maxThreads: options.threads,
      idleTimeout: 60_000,
    });
  }

  readonly sliceSize: number;

  async compute(items: readonly PendingItem[]): Promise<ComputedOutcome[]> {
    const outcomes = (await this.pool.run(items)) as ComputedOutcome[];
    // Buffers cross the thread boundary as Uint8Arrays.
    return outcomes.map((outcome) =>
      outcome.status === "succeeded"
        ? {
            ...outcome,
            result: Buffer.from(
              outcome.result.buffer,
              outcome.result.byteOffset,
              outcome.result.byteLength,
            ),
          }
        : outcome,
    );
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
