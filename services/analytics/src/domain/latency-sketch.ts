/**
 * A mergeable latency sketch with a bounded relative error (the DDSketch idea): a latency v > 0
 * falls in bucket ceil(log_γ v) with γ = (1 + α) / (1 − α), and every value of a bucket is
 * within α of the bucket's representative value. Two sketches merge by adding counts per bucket,
 * so a percentile over any range comes from merging its rollups, never from averaging
 * percentiles. α = 0.5 % keeps quantiles within 1 % of exact with room for float rounding.
 *
 * Stored sparsely as one flat integer array of (bucket index, count) pairs in ascending index
 * order: compact in Postgres (bigint[]) and merged there by latency_sketch_merge().
 */
export const RELATIVE_ACCURACY = 0.005;
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);
/** Latencies below this (ms) are counted in the zero bucket. */
const MIN_LATENCY_MS = 1e-3;
/** The zero bucket's index: below every bucket ceil(log_γ MIN_LATENCY_MS) can give. */
export const ZERO_BUCKET = -100_000;

export function bucketOf(latencyMs: number): number {
  if (!(latencyMs >= MIN_LATENCY_MS)) return ZERO_BUCKET;
  return Math.ceil(Math.log(latencyMs) / LOG_GAMMA);
}

/** The value a bucket stands for: within RELATIVE_ACCURACY of every latency in it. */
export function bucketValue(bucket: number): number {
  if (bucket === ZERO_BUCKET) return 0;
  return (2 * GAMMA ** bucket) / (GAMMA + 1);
}

export class LatencySketch {
  // Most rows of a fine granularity see one latency bucket: that bucket is kept in two fields,
  // and the map is made only when a second bucket appears (the ingest makes a sketch per row).
  private firstBucket = ZERO_BUCKET;
  private firstCount = 0;
  private counts: Map<number, number> | undefined;
  private total = 0;

  get count(): number {
    return this.total;
  }

  add(latencyMs: number, times = 1): void {
    this.addToBucket(bucketOf(latencyMs), times);
  }

  addToBucket(bucket: number, times: number): void {
    this.total += times;
    if (this.counts !== undefined) {
      this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + times);
    } else if (this.firstCount === 0 || this.firstBucket === bucket) {
      this.firstBucket = bucket;
      this.firstCount += times;
    } else {
      this.counts = new Map([
        [this.firstBucket, this.firstCount],
        [bucket, times],
      ]);
    }
  }

  /** Adds a stored sketch (pairs of bucket and count). */
  mergePairs(pairs: readonly (number | bigint | string)[]): void {
    for (let index = 0; index + 1 < pairs.length; index += 2) {
      this.addToBucket(Number(pairs[index]), Number(pairs[index + 1]));
    }
  }

  /** Adds a stored sketch in its text form ("b1,c1,b2,c2"), without an intermediate array. */
  mergeText(text: string): void {
    let start = 0;
    let bucket: number | undefined;
    for (let index = 0; index <= text.length; index += 1) {
      if (index < text.length && text.charCodeAt(index) !== 44 /* , */) continue;
      if (index > start) {
        const value = Number(text.slice(start, index));
        if (bucket === undefined) bucket = value;
        else {
          this.addToBucket(bucket, value);
          bucket = undefined;
        }
      }
      start = index + 1;
    }
  }

  merge(other: LatencySketch): void {
    if (other.counts === undefined) {
      if (other.firstCount > 0) this.addToBucket(other.firstBucket, other.firstCount);
      return;
    }
    for (const [bucket, count] of other.counts) this.addToBucket(bucket, count);
  }

  /** Several quantiles (each as `quantile` describes) in one pass over the sorted buckets. */
  quantiles(qs: readonly number[]): (number | undefined)[] {
    if (this.total === 0) return qs.map(() => undefined);
    const ranks = qs.map((q) => Math.floor(Math.min(Math.max(q, 0), 1) * (this.total - 1)));
    const result: (number | undefined)[] = qs.map(() => undefined);
    let seen = 0;
    for (const [bucket, count] of this.entries()) {
      seen += count;
      ranks.forEach((rank, index) => {
        if (result[index] === undefined && seen > rank) result[index] = bucketValue(bucket);
      });
    }
    return result;
  }

  /**
   * The q-quantile (0 ≤ q ≤ 1) in ms: the value of rank floor(q · (count − 1)) in ascending
   * order, within RELATIVE_ACCURACY of the exact one; undefined for an empty sketch.
   */
  quantile(q: number): number | undefined {
    return this.quantiles([q])[0];
  }

  /** Pairs of (bucket, count), ascending by bucket: the stored form. */
  toPairs(): number[] {
    const pairs: number[] = [];
    for (const [bucket, count] of this.entries()) pairs.push(bucket, count);
    return pairs;
  }

  /**
   * The pairs as text ("b1,c1,b2,c2"), the inside of their bigint[] literal; a sketch of one
   * bucket (most rows of a fine granularity) without an array made for it.
   */
  pairsText(): string {
    if (this.counts === undefined) {
      return this.firstCount === 0 ? "" : `${this.firstBucket},${this.firstCount}`;
    }
    return this.toPairs().join(",");
  }

  /** (bucket, count) in ascending bucket order. */
  private entries(): [number, number][] {
    if (this.counts === undefined) {
      return this.firstCount === 0 ? [] : [[this.firstBucket, this.firstCount]];
    }
    return [...this.counts.entries()].sort(([a], [b]) => a - b);
  }
}
