import { metrics } from "@opentelemetry/api";
import type { Logger } from "@orrery/telemetry";
import { BentoCache, bentostore, errors } from "bentocache";
import { memoryDriver } from "bentocache/drivers/memory";
import { redisDriver } from "bentocache/drivers/redis";
import type { Redis } from "ioredis";
import { LRUCache } from "lru-cache";
import { entrySerializer, freshStringValue } from "./entry-serializer.js";
import { RedisBusTransport } from "./redis-bus-transport.js";

export interface TwoLevelCacheOptions {
  /** Names the keys (`<name>:<key>` in Redis) and the invalidation channel. */
  readonly name: string;
  /** L2 and bus publishing: a fail-fast connection (createRedisConnection). */
  readonly redis: Redis;
  /** The bus subscriber gets its own connection to this URL. */
  readonly redisUrl: string;
  /** L1 bound, bytes of cached values (UTF-16 length × 2 is counted). */
  readonly l1MaxBytes: number;
  /** Time an entry is fresh. */
  readonly ttlMs: number;
  /** Each entry's TTL is spread by ±jitter (0.1 = ±10 %) so entries written together do not expire together. */
  readonly ttlJitter: number;
  /**
   * After its TTL an entry is stale for this long: it is served at once while one refresh runs
   * in the background (stale-while-revalidate), and served when a refresh fails.
   */
  readonly graceMs: number;
  /** After an L2 failure, L2 is skipped for this long (L1 and computing still serve). */
  readonly l2CircuitBreakerMs: number;
  readonly logger?: Logger;
}

export interface CacheLookup {
  readonly value: string;
  /** True when this call ran `compute` (a miss on both levels). */
  readonly computed: boolean;
}

export interface CacheStats {
  readonly l1Hits: number;
  readonly l2Hits: number;
  readonly staleHits: number;
  readonly misses: number;
  readonly evictions: number;
  readonly l1Entries: number;
  readonly l1Bytes: number;
  /** (l1Hits + l2Hits) / lookups since start; 0 before the first lookup. */
  readonly hitRatio: number;
}

/** Version of how entries are stored (entry-serializer); change it with the format. */
const STORAGE_FORMAT = "f1";

/**
 * The cache's instruments, made on first use: the OpenTelemetry API hands out no-op
 * instruments before the SDK is registered, which happens after modules load.
 */
function createInstruments(caches: ReadonlySet<TwoLevelCache>) {
  const meter = metrics.getMeter("@orrery/cache");
  const instruments = {
    hits: meter.createCounter("cache_hits_total", {
      description: "Cache lookups answered from a level (l1 in-process, l2 Redis), by cache",
    }),
    misses: meter.createCounter("cache_misses_total", {
      description: "Cache lookups that computed the value, by cache",
    }),
    evictions: meter.createCounter("cache_evictions_total", {
      description: "L1 entries evicted to stay within the memory bound, by cache",
    }),
    computeDuration: meter.createHistogram("cache_compute_duration_seconds", {
      description: "Time to compute a value on a miss, by cache",
      unit: "s",
      advice: {
        explicitBucketBoundaries: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      },
    }),
  };
  const l1Bytes = meter.createObservableGauge("cache_l1_bytes", {
    description: "Bytes held by the in-process level, by cache",
  });
  const hitRatio = meter.createObservableGauge("cache_hit_ratio", {
    description: "Hits on either level over lookups since start, by cache",
  });
  meter.addBatchObservableCallback(
    (observer) => {
      for (const cache of caches) {
        const stats = cache.stats();
        observer.observe(l1Bytes, stats.l1Bytes, { cache: cache.name });
        observer.observe(hitRatio, stats.hitRatio, { cache: cache.name });
      }
    },
    [l1Bytes, hitRatio],
  );
  return instruments;
}

const liveCaches = new Set<TwoLevelCache>();
let sharedInstruments: ReturnType<typeof createInstruments> | undefined;
const instruments = () => {
  sharedInstruments ??= createInstruments(liveCaches);
  return sharedInstruments;
};

/**
 * Two levels over bentocache: L1 an in-process LRU bounded by bytes, L2 Redis, and a Redis
 * pub/sub bus so that a write or delete on one replica drops the entry from every other
 * replica's L1. Misses are single-flight per key within a process; values are strings (the
 * caller's serialized result, so a hit costs no serialization). A Redis failure never fails a
 * lookup: L1 keeps serving, misses are computed, and L2 is retried after a pause.
 */
export class TwoLevelCache {
  readonly name: string;
  readonly #bento: BentoCache<{ results: ReturnType<typeof bentostore> }>;
  readonly #l1: LRUCache<string, string>;
  readonly #bus: RedisBusTransport;
  readonly #options: TwoLevelCacheOptions;
  readonly #counts = { l1Hits: 0, l2Hits: 0, staleHits: 0, misses: 0, evictions: 0 };
  readonly #attributes: { cache: string };
  /** Keys live under `<name>:<storage format>:`, so entries written in another format are never read. */
  readonly #prefix: string;
  readonly #l1Attributes: { cache: string; level: string };
  readonly #instruments = instruments();

  constructor(options: TwoLevelCacheOptions) {
    this.name = options.name;
    this.#prefix = `${options.name}:${STORAGE_FORMAT}`;
    this.#options = options;
    this.#attributes = { cache: options.name };
    this.#l1Attributes = { cache: options.name, level: "l1" };
    this.#l1 = new LRUCache<string, string>({
      maxSize: options.l1MaxBytes,
      sizeCalculation: (entry) => entry.length * 2 + 64,
      ttlAutopurge: false,
      dispose: (_item, _key, reason) => {
        if (reason === "evict") {
          this.#counts.evictions += 1;
          this.#instruments.evictions.add(1, this.#attributes);
        }
      },
    });
    this.#bus = new RedisBusTransport(
      options.redis,
      options.redisUrl,
      `${options.name}-bus`,
      () => {
        // Invalidations published while we were disconnected were missed: forget L1.
        this.#l1.clear();
      },
    );
    const store = bentostore()
      // Our LRU, so that its byte bound and evictions are ours to set and count.
      .useL1Layer(memoryDriver({ cacheInstance: this.#l1 } as Parameters<typeof memoryDriver>[0]))
      .useL2Layer(redisDriver({ connection: options.redis }))
      .useBus({
        // Failed publishes are retried when the bus reconnects (no timer keeps the process alive).
        options: { retryQueue: { enabled: true, maxSize: 1_000, retryInterval: false } },
        factory: () => this.#bus,
      });
    this.#bento = new BentoCache({
      default: "results",
      stores: { results: store },
      prefix: this.#prefix,
      serializer: entrySerializer,
      ttl: options.ttlMs,
      grace: options.graceMs,
      graceBackoff: 5_000,
      timeout: 0,
      suppressL2Errors: true,
      l2CircuitBreakerDuration: options.l2CircuitBreakerMs,
      ...(options.logger === undefined
        ? {}
        : { logger: options.logger.child({ component: "bentocache" }) }),
    });
    this.#bento.on("cache:hit", (event) => {
      if (event.graced) this.#counts.staleHits += 1;
      if (event.layer === "l2") {
        this.#counts.l2Hits += 1;
        this.#instruments.hits.add(1, { ...this.#attributes, level: "l2" });
      } else {
        this.#counts.l1Hits += 1;
        this.#instruments.hits.add(1, { ...this.#attributes, level: "l1" });
      }
    });
    this.#bento.on("cache:miss", () => {
      this.#counts.misses += 1;
      this.#instruments.misses.add(1, this.#attributes);
    });
    liveCaches.add(this);
  }

  /** The TTL of one entry: the configured TTL spread by ±jitter. */
  #jitteredTtl(): number {
    const spread = this.#options.ttlJitter * (Math.random() * 2 - 1);
    return Math.max(1, Math.round(this.#options.ttlMs * (1 + spread)));
  }

  /**
   * An L1 hit without bentocache's per-call machinery (options, lock lookup, events): the entry
   * as bentocache stored it in our LRU, read when it is still fresh. Anything else — absent,
   * stale, tagged — goes the full way.
   */
  #freshFromL1(key: string): string | undefined {
    const stored = this.#l1.get(`${this.#prefix}:${key}`);
    if (stored === undefined) return undefined;
    const value = freshStringValue(stored, Date.now());
    if (value === undefined) return undefined;
    this.#counts.l1Hits += 1;
    this.#instruments.hits.add(1, this.#l1Attributes);
    return value;
  }

  /** The value of `key` when this process holds it fresh (L1), without waiting; else undefined. */
  peek(key: string): string | undefined {
    return this.#freshFromL1(key);
  }

  async getOrCompute(key: string, compute: () => string | Promise<string>): Promise<CacheLookup> {
    const fresh = this.#freshFromL1(key);
    if (fresh !== undefined) return { value: fresh, computed: false };
    let computed = false;
    const ttl = this.#jitteredTtl();
    const value = await this.#bento
      .getOrSet<string>({
        key,
        ttl,
        // bentocache's grace is the entry's whole lifetime in the store, not the time after the TTL.
        grace: ttl + this.#options.graceMs,
        factory: async () => {
          computed = true;
          const started = performance.now();
          try {
            return await compute();
          } finally {
            this.#instruments.computeDuration.record(
              (performance.now() - started) / 1_000,
              this.#attributes,
            );
          }
        },
      })
      .catch((error: unknown) => {
        // The caller sees its own error, not bentocache's wrapper.
        throw error instanceof errors.E_FACTORY_ERROR ? error.cause : error;
      });
    if (typeof value !== "string") {
      // Not an entry this code wrote (a foreign or corrupt value): compute and overwrite it.
      const fresh = await compute();
      await this.#bento.set({ key, value: fresh, ttl, grace: ttl + this.#options.graceMs });
      return { value: fresh, computed: true };
    }
    return { value, computed };
  }

  /** Removes `key` from both levels here and from every other replica's L1. */
  async delete(key: string): Promise<void> {
    await this.#bento.delete({ key });
  }

  /** Removes every entry of this cache, on every replica. */
  async clear(): Promise<void> {
    await this.#bento.clear();
  }

  stats(): CacheStats {
    const counts = this.#counts;
    const hits = counts.l1Hits + counts.l2Hits;
    const lookups = hits + counts.misses;
    return {
      ...counts,
      l1Entries: this.#l1.size,
      l1Bytes: this.#l1.calculatedSize,
      hitRatio: lookups === 0 ? 0 : hits / lookups,
    };
  }

  async close(): Promise<void> {
    liveCaches.delete(this);
    // The L2 connection belongs to the caller; only the bus subscriber is ours.
    await this.#bus.disconnect();
  }
}
