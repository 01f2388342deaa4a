import type { AstrologyService } from "@orrery/astro-service";
import { timelineOptions } from "@orrery/astro-service";
import { TIMELINE_EXAMPLE, TIMELINE_REQUEST_EXAMPLE } from "./astro-examples.js";
import type { EncodedPayloads } from "./encoded-payloads.js";
import { defineEngineJsonRoute } from "./engine-route.js";
import { TimelineRequestSchema, TransitTimelineSchema } from "./timeline-schemas.js";

/** POST /v1/transits/timeline: every transit to a natal chart over a range, in order. */
export function v1TransitsTimelineCreate(astrology: AstrologyService, payloads: EncodedPayloads) {
  return defineEngineJsonRoute(payloads, {
    path: "/v1/transits/timeline",
    operationId: "createTransitTimeline",
    summary: "Transit timeline of a natal chart",
    description:
      "Over a range of at most 366 days: every period a transiting body spends within orb of an aspect to a natal body or angle, with when it enters the orb, each exact instant (to the second; several when a station brings the body back) and when it leaves; the ingresses of the transiting bodies into signs; and their stations (retrograde, direct). Ordered by time.",
    tag: "readings",
    body: TimelineRequestSchema,
    example: { body: TIMELINE_REQUEST_EXAMPLE },
    problems: ["INVALID_RANGE", "RANGE_TOO_LONG"],
    response: {
      description: "The timeline.",
      schema: TransitTimelineSchema,
      example: TIMELINE_EXAMPLE,
    },
    compute: ({ body }) => astrology.timelineJson(body.natal, timelineOptions(body)),
  });
}
