import type { Computed } from "@orrery/astro-service";
import type { EncodedPayloads } from "./encoded-payloads.js";
import type { RouteResult } from "./route.js";

export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";
export const SVG_CONTENT_TYPE = "image/svg+xml; charset=utf-8";

/** RFC 9211 Cache-Status: whether the gateway's result cache answered. */
export function cacheStatus(cacheHit: boolean): string {
  return cacheHit ? "orrery-gateway; hit" : "orrery-gateway; fwd=miss; stored";
}

/** An engine result as sent: its cached bytes (and compressed forms) when it is cached. */
export function textResult(
  payloads: EncodedPayloads,
  computed: Computed<string>,
  contentType: string,
  extraHeaders: Readonly<Record<string, string>> = {},
): RouteResult {
  const headers = { "cache-status": cacheStatus(computed.cacheHit), ...extraHeaders };
  if (computed.cacheKey === undefined) {
    return { contentType, headers, payload: computed.value, cacheHit: computed.cacheHit };
  }
  return payloads.result(
    computed.cacheKey,
    computed.value,
    contentType,
    headers,
    computed.cacheHit,
  );
}
