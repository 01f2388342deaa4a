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
  private readonly counts = new Map<number, number>();
  private total = 0;

  get count(): number {
    return this.total;
  }

  add(latencyMs: number, times = 1): void {
    this.addToBucket(bucketOf(latencyMs), times);
  }

  addToBucket(bucket: number, times: number): void {
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + times);
    this.total += times;
  }

  /** Adds a stored sketch (pairs of bucket and count). */
  mergePairs(pairs: readonly (number | bigint | string)[]): void {
    for (let index = 0; index + 1 < pairs.length; index += 2) {
      this.addToBucket(Number(pairs[index]), Number(pairs[index + 1]));
    }
  }

  merge(other: LatencySketch): void {
    for (const [bucket, count] of other.counts) this.addToBucket(bucket, count);
  }

  /**
   * The q-quantile (0 ≤ q ≤ 1) in ms: the value of rank floor(q · (count − 1)) in ascending
   * order, within RELATIVE_ACCURACY of the exact one; undefined for an empty sketch.
   */
  quantile(q: number): number | undefined {
    if (this.total === 0) return undefined;
    const rank = Math.floor(Math.min(Math.max(q, 0), 1) * (this.total - 1));
    let seen = 0;
    for (const bucket of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(bucket) ?? 0;
      if (seen > rank) return bucketValue(bucket);
    }
    return undefined;
  }

  /** Pairs of (bucket, count), ascending by bucket: the stored form. */
  toPairs(): number[] {
    const pairs: number[] = [];
    for (const bucket of [...this.counts.keys()].sort((a, b) => a - b)) {
      pairs.push(bucket, this.counts.get(bucket) ?? 0);
    }
    return pairs;
  }
}
