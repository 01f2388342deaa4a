import type { Computed } from "@orrery/astro-service";
import { withEngineErrors } from "@orrery/astro-service";
import type { ErrorCode } from "@orrery/errors";
import type { z } from "zod";
import { ENGINE_FIELD_CODES, ENGINE_PROBLEMS } from "./astro-schemas.js";
import { JSON_CONTENT_TYPE, SVG_CONTENT_TYPE, textResult } from "./computed-results.js";
import type { EncodedPayloads } from "./encoded-payloads.js";
import {
  defineRoute,
  type Infer,
  type RequestExample,
  type RouteDefinition,
  type RouteInput,
} from "./route.js";

/** The header every cached engine result carries (RFC 9211), as the document describes it. */
export const CACHE_STATUS_HEADER = {
  "Cache-Status": { description: "RFC 9211: hit, or fwd=miss; stored." },
} as const;

/**
 * What sets one engine route apart from the others: its name and words, its body (and query),
 * the engine call and what the result is. The rest is common to every route that computes: a
 * POST under `charts:read`, the engine's problems and field codes, a result kept in the cache.
 */
interface EngineRouteSpec<Body extends z.ZodType, Query extends z.ZodType | undefined> {
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  /** Default `charts`. */
  readonly tag?: "charts" | "readings";
  readonly body: Body;
  readonly query?: Query;
  readonly example: RequestExample<Body, Query, undefined>;
  /** Problems of this route beside the engine's own. */
  readonly problems?: readonly ErrorCode[];
  readonly compute: (
    input: RouteInput<Infer<Body>, Infer<Query>, undefined>,
  ) => Promise<Computed<string>>;
}

function engineRoute<Body extends z.ZodType, Query extends z.ZodType | undefined>(
  spec: EngineRouteSpec<Body, Query>,
  payloads: EncodedPayloads,
  response: RouteDefinition["responses"][number],
  contentType: string,
): RouteDefinition {
  return defineRoute<Body, Query, undefined>({
    method: "POST",
    path: spec.path,
    operationId: spec.operationId,
    summary: spec.summary,
    description: spec.description,
    tags: [spec.tag ?? "charts"],
    scope: "charts:read",
    request: { body: spec.body, ...(spec.query === undefined ? {} : { query: spec.query }) },
    example: spec.example,
    problems: [...ENGINE_PROBLEMS, ...(spec.problems ?? [])],
    fieldCodes: ENGINE_FIELD_CODES,
    responses: { 200: response },
    handler: async (input) =>
      textResult(payloads, await withEngineErrors(() => spec.compute(input)), contentType),
  });
}

/** An engine route answering JSON, described by `schema` with an example. */
export function defineEngineJsonRoute<Body extends z.ZodType, Query extends z.ZodType | undefined>(
  payloads: EncodedPayloads,
  spec: EngineRouteSpec<Body, Query> & {
    readonly response: {
      readonly description: string;
      readonly schema: z.ZodType;
      readonly example: unknown;
    };
  },
): RouteDefinition {
  return engineRoute(
    spec,
    payloads,
    { ...spec.response, headers: CACHE_STATUS_HEADER },
    JSON_CONTENT_TYPE,
  );
}

/** An engine route drawing a wheel (SVG). */
export function defineEngineSvgRoute<Body extends z.ZodType, Query extends z.ZodType | undefined>(
  payloads: EncodedPayloads,
  spec: EngineRouteSpec<Body, Query> & { readonly response: { readonly description: string } },
): RouteDefinition {
  return engineRoute(
    spec,
    payloads,
    { description: spec.response.description, contentType: "image/svg+xml" },
    SVG_CONTENT_TYPE,
  );
}
