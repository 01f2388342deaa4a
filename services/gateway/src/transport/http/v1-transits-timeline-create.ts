import type { AstrologyService } from "@orrery/astro-service";
import { timelineOptions, withEngineErrors } from "@orrery/astro-service";
import { TIMELINE_EXAMPLE, TIMELINE_REQUEST_EXAMPLE } from "./astro-examples.js";
import { ENGINE_FIELD_CODES, ENGINE_PROBLEMS } from "./astro-schemas.js";
import { JSON_CONTENT_TYPE, textResult } from "./computed-results.js";
import type { EncodedPayloads } from "./encoded-payloads.js";
import { defineRoute } from "./route.js";
import { TimelineRequestSchema, TransitTimelineSchema } from "./timeline-schemas.js";

/** POST /v1/transits/timeline: every transit to a natal chart over a range, in order. */
export function v1TransitsTimelineCreate(astrology: AstrologyService, payloads: EncodedPayloads) {
  return defineRoute({
    method: "POST",
    path: "/v1/transits/timeline",
    operationId: "createTransitTimeline",
    summary: "Transit timeline of a natal chart",
    description:
      "Over a range of at most 366 days: every period a transiting body spends within orb of an aspect to a natal body or angle, with when it enters the orb, each exact instant (to the second; several when a station brings the body back) and when it leaves; the ingresses of the transiting bodies into signs; and their stations (retrograde, direct). Ordered by time.",
    tags: ["readings"],
    scope: "charts:read",
    request: { body: TimelineRequestSchema },
    example: { body: TIMELINE_REQUEST_EXAMPLE },
    problems: [...ENGINE_PROBLEMS, "INVALID_RANGE", "RANGE_TOO_LONG"],
    fieldCodes: ENGINE_FIELD_CODES,
    responses: {
      200: {
        description: "The timeline.",
        schema: TransitTimelineSchema,
        example: TIMELINE_EXAMPLE,
        headers: { "Cache-Status": { description: "RFC 9211: hit, or fwd=miss; stored." } },
      },
    },
    handler: async ({ body }) => {
      const result = await withEngineErrors(() =>
        astrology.timelineJson(body.natal, timelineOptions(body)),
      );
      return textResult(payloads, result, JSON_CONTENT_TYPE);
    },
  });
}
