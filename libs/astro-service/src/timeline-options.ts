import type { TimelineRequest } from "./astrology.js";

/** The timeline options of a request body (a timeline's or a transit reading's). */
export function timelineOptions(body: {
  readonly from: string;
  readonly to: string;
  readonly bodies?: TimelineRequest["bodies"] | undefined;
  readonly aspectTypes?: TimelineRequest["aspectTypes"] | undefined;
  readonly orb?: number | undefined;
  readonly orbs?: TimelineRequest["orbs"] | undefined;
}): TimelineRequest {
  return {
    from: body.from,
    to: body.to,
    ...(body.bodies === undefined ? {} : { bodies: [...body.bodies] }),
    ...(body.aspectTypes === undefined ? {} : { aspectTypes: [...body.aspectTypes] }),
    ...(body.orb === undefined ? {} : { orb: body.orb }),
    ...(body.orbs === undefined ? {} : { orbs: { ...body.orbs } }),
  };
}
