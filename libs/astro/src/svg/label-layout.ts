import { normalizeDegrees } from "../angle-math.js";

/**
 * Spreads labels around a circle so that neighbours are at least `minSeparation` degrees apart,
 * moving each as little as the crowd allows: overlapping neighbours are pushed apart
 * symmetrically until no pair overlaps. Order around the circle is preserved. Returns display
 * longitudes in input order. When the labels cannot fit, they are spaced evenly instead.
 */
export function spreadLabels(longitudes: readonly number[], minSeparation: number): number[] {
  const n = longitudes.length;
  if (n < 2) return [...longitudes];
  const order = longitudes
    .map((lon, index) => ({ lon: normalizeDegrees(lon), index }))
    .sort((a, b) => a.lon - b.lon || a.index - b.index);
  if (n * minSeparation >= 360) {
    const out = new Array<number>(n);
    order.forEach((o, k) => {
      out[o.index] = normalizeDegrees(order[0]!.lon + (k * 360) / n);
    });
    return out;
  }
  // Unwrapped positions: pos[k] increases with k and pos[n-1] < pos[0] + 360.
  const pos = order.map((o) => o.lon);
  const target = minSeparation * (1 + 1e-9);
  for (let iteration = 0; iteration < 10000; iteration++) {
    let worst = 0;
    for (let k = 0; k < n; k++) {
      const next = k + 1 < n ? pos[k + 1]! : pos[0]! + 360;
      const gap = next - pos[k]!;
      if (gap < target) {
        const push = (target - gap) / 2;
        pos[k] = pos[k]! - push;
        if (k + 1 < n) pos[k + 1] = pos[k + 1]! + push;
        else pos[0] = pos[0]! + push;
        worst = Math.max(worst, target - gap);
      }
    }
    if (worst === 0) break;
  }
  const out = new Array<number>(n);
  order.forEach((o, k) => {
    out[o.index] = normalizeDegrees(pos[k]!);
  });
  return out;
}
