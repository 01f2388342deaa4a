import { closestToExhaustion, type LimitState } from "./rate-limit.js";

/**
 * The RateLimit-Policy and RateLimit fields of draft-ietf-httpapi-ratelimit-headers, serialized
 * as RFC 9651 structured fields (Lists of Strings with parameters):
 *
 *   RateLimit-Policy: "burst";q=25;w=1, "minute";q=600;w=60, "month";q=250000;w=2592000;qu="requests"
 *   RateLimit: "minute";r=599;t=60
 *
 * RateLimit names only the policy closest to exhaustion (smallest share left), or the one that
 * refused the request.
 */
export function rateLimitHeaders(
  limits: readonly LimitState[],
): { policy: string; limit: string } | undefined {
  if (limits.length === 0) return undefined;
  const policy = limits
    .map((limit) => {
      const units = limit.name.endsWith("month") ? `;qu=${sfString("requests")}` : "";
      return `${sfString(limit.name)};q=${sfInteger(limit.limit)};w=${sfInteger(limit.windowSeconds)}${units}`;
    })
    .join(", ");
  const named = limits.find((limit) => limit.exceeded) ?? closestToExhaustion(limits);
  if (named === undefined) return undefined;
  const limit = `${sfString(named.name)};r=${sfInteger(named.remaining)};t=${sfInteger(named.resetSeconds)}`;
  return { policy, limit };
}

/** RFC 9651 §4.1.6: printable ASCII in double quotes, with `"` and `\` escaped. */
function sfString(value: string): string {
  if (!/^[\x20-\x7e]*$/.test(value)) throw new Error(`not a structured-field string: ${value}`);
  return `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

/** RFC 9651 §4.1.4: at most 15 digits; larger values are clamped (a quota never gets there). */
function sfInteger(value: number): string {
  return String(Math.min(Math.max(Math.trunc(value), -999_999_999_999_999), 999_999_999_999_999));
}
