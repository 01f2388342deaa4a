import { Piscina } from "piscina";
import type { ComputedOutcomes, PendingItem } from "../domain/model.js";
import type { ItemComputer } from "../domain/ports.js";

/** Items computed on a worker-thread pool, one thread per core given to the process. */
export class PiscinaItemComputer implements ItemComputer {
  private readonly pool: Piscina;
  readonly parallelism: number;

  constructor(options: {
    readonly threads: number;
    readonly sliceSize: number;
    readonly youngGenerationMb: number;
  }) {
    this.parallelism = options.threads;
    this.sliceSize = options.sliceSize;
    this.pool = new Piscina({
      filename: new URL("./compute-worker.js", import.meta.url).href,
      minThreads: options.threads,
      maxThreads: options.threads,
      idleTimeout: 60_000,
      resourceLimits: { maxYoungGenerationSizeMb: options.youngGenerationMb },
    });
  }

  readonly sliceSize: number;

  async compute(items: readonly PendingItem[]): Promise<ComputedOutcomes> {
    const { results, outcomes } = (await this.pool.run(items)) as {
      results: Uint8Array;
      outcomes: ComputedOutcomes["outcomes"];
    };
    // The transferred buffer arrives as a Uint8Array over the same memory.
    return {
      results: Buffer.from(results.buffer, results.byteOffset, results.byteLength),
      outcomes,
    };
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
