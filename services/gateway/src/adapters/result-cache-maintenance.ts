import type { AstrologyService } from "@orrery/astro-service";
import type { PopularityCounter, WarmingCoordinator } from "@orrery/cache";
import type { Logger } from "@orrery/telemetry";

export interface ResultCacheMaintenanceOptions {
  readonly popularity: PopularityCounter;
  readonly warming: WarmingCoordinator;
  readonly astrology: AstrologyService;
  readonly logger: Logger;
  /** How often request counts are sent to Redis. */
  readonly popularityFlushMs: number;
  /** How often a warm run is attempted (one replica wins; runs are spaced this far apart). */
  readonly warmIntervalMs: number;
  /** How many of the most requested charts each run precomputes. */
  readonly warmTopN: number;
  /** The first run waits this long after start (connections settle first). */
  readonly firstWarmDelayMs: number;
}

/**
 * Background work of the result cache: flushing the popularity counter, and warming the most
 * requested charts at start and on schedule (one replica at a time, see WarmingCoordinator).
 * Failures are logged and retried on the next tick; nothing here touches the request path.
 */
export function startResultCacheMaintenance(options: ResultCacheMaintenanceOptions): {
  stop(): Promise<void>;
} {
  const { popularity, warming, astrology, logger } = options;
  let warmingNow: Promise<void> | undefined;

  const flush = () =>
    popularity
      .flush()
      .catch((error: unknown) =>
        logger.warn({ err: error }, "popularity flush failed; kept for the next one"),
      );
  const warm = () => {
    warmingNow ??= (async () => {
      try {
        const run = await warming.run(
          () => popularity.top(options.warmTopN),
          (entry) => astrology.warmChart(entry.id, entry.payload),
        );
        if (run.outcome === "warmed" || run.outcome === "fenced")
          logger.info({ run }, "result cache warm run");
      } catch (error) {
        logger.warn({ err: error }, "result cache warm run failed");
      } finally {
        warmingNow = undefined;
      }
    })();
    return warmingNow;
  };

  const flushTimer = setInterval(flush, options.popularityFlushMs);
  const warmTimer = setInterval(warm, options.warmIntervalMs);
  const firstWarm = setTimeout(warm, options.firstWarmDelayMs);
  flushTimer.unref();
  warmTimer.unref();
  firstWarm.unref();

  return {
    async stop() {
      clearInterval(flushTimer);
      clearInterval(warmTimer);
      clearTimeout(firstWarm);
      await warmingNow;
      await flush();
    },
  };
}
