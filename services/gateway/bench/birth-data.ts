/** A chart input as the benchmark sends it. */
export interface BirthData {
  readonly datetime: string;
  readonly timezone: string;
  readonly latitude: number;
  readonly longitude: number;
}

const PLACES = [
  { timezone: "Europe/London", latitude: 51.5074, longitude: -0.1278 },
  { timezone: "America/New_York", latitude: 40.7128, longitude: -74.006 },
  { timezone: "Asia/Kolkata", latitude: 19.076, longitude: 72.8777 },
  { timezone: "Europe/Berlin", latitude: 52.52, longitude: 13.405 },
  { timezone: "America/Sao_Paulo", latitude: -23.5505, longitude: -46.6333 },
  { timezone: "Asia/Tokyo", latitude: 35.6762, longitude: 139.6503 },
  { timezone: "Australia/Sydney", latitude: -33.8688, longitude: 151.2093 },
  { timezone: "Africa/Lagos", latitude: 6.5244, longitude: 3.3792 },
] as const;

/** A small deterministic PRNG (mulberry32): the same seed gives the same mix. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `count` distinct birth moments and places between 1940 and 2010. */
export function distinctBirthData(count: number, seed: number): BirthData[] {
  const next = random(seed);
  const seen = new Set<string>();
  const result: BirthData[] = [];
  while (result.length < count) {
    const place = PLACES[Math.floor(next() * PLACES.length)] ?? PLACES[0];
    const minutes = Math.floor(next() * 70 * 365.25 * 24 * 60);
    const datetime = new Date(Date.UTC(1940, 0, 1) + minutes * 60_000).toISOString().slice(0, 16);
    const key = `${datetime}|${place.timezone}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ datetime, ...place });
  }
  return result;
}

/**
 * `length` draws from `population` with Zipf-distributed popularity (rank r drawn with
 * probability ∝ 1 / r^exponent): a few inputs are asked for very often (celebrities, the
 * app's demo chart), most only a few times.
 */
export function zipfSequence<T>(
  population: readonly T[],
  length: number,
  exponent: number,
  seed: number,
): T[] {
  const weights = population.map((_, rank) => 1 / (rank + 1) ** exponent);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const cumulative: number[] = [];
  let running = 0;
  for (const weight of weights) {
    running += weight / total;
    cumulative.push(running);
  }
  const next = random(seed);
  const sequence: T[] = [];
  for (let index = 0; index < length; index += 1) {
    const draw = next();
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] ?? 1) < draw) low = middle + 1;
      else high = middle;
    }
    const item = population[low];
    if (item !== undefined) sequence.push(item);
  }
  return sequence;
}
