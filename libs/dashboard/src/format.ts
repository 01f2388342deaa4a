const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const decimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** A count as the page shows it: 12,345 (digits only, so a reader or a test can parse it). */
export function formatCount(value: number): string {
  return integer.format(value);
}

export function formatRatio(value: number): string {
  return percent.format(value);
}

/** Latency in milliseconds; "–" when the range had no request. */
export function formatMs(value: number | undefined): string {
  return value === undefined ? "–" : `${decimal.format(value)} ms`;
}

export function formatTime(iso: string | undefined): string {
  if (iso === undefined) return "–";
  return new Date(iso).toLocaleString("en-GB", { dateStyle: "short", timeStyle: "short" });
}

/** A rate with up to two decimals: 0.47, 1,850.5. */
export function formatRate(value: number): string {
  return decimal.format(value);
}
