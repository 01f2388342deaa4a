import { closestToExhaustion } from "@orrery/limits";
import type { LimitState } from "./rate-limit.js";

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
  let policy = "";
  for (const limit of limits) {
    if (policy !== "") policy += ", ";
    policy += `${nameItem(limit.name)};q=${sfInteger(limit.limit)};w=${sfInteger(limit.windowSeconds)}`;
    if (limit.name.endsWith("month")) policy += REQUEST_UNITS;
  }
  const named = limits.find((limit) => limit.exceeded) ?? closestToExhaustion(limits);
  if (named === undefined) return undefined;
  const limit = `${nameItem(named.name)};r=${sfInteger(named.remaining)};t=${sfInteger(named.resetSeconds)}`;
  return { policy, limit };
}

const REQUEST_UNITS = `;qu=${sfString("requests")}`;
const serializedNames = new Map<string, string>();

/** A policy name as a String item; there are a handful of them, serialized once each. */
function nameItem(name: string): string {
  let item = serializedNames.get(name);
  if (item === undefined) {
    item = sfString(name);
    if (serializedNames.size < 64) serializedNames.set(name, item);
  }
  return item;
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
