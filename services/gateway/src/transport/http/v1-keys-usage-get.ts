import { timestampDate } from "@bufbuild/protobuf/wkt";
import { z } from "zod";
import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { tenantOf } from "./caller.js";
import { API_KEY_EXAMPLE, KeyIdParamsSchema } from "./key-schemas.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";

const day = z.iso.date().describe("UTC day, YYYY-MM-DD (inclusive).");

const UsageQuerySchema = z.strictObject({
  from: day.optional().describe("First UTC day (default: 29 days before `to`)."),
  to: day
    .optional()
    .describe(
      "Last UTC day (default: today). At most 92 days in all, from on or before to (else 422 usage-range-too-long).",
    ),
});

const UsageBucketSchema = z
  .object({
    day: z.iso.date(),
    route: z.string().describe('Route template, e.g. "POST /v1/charts".'),
    requests: z.number().int(),
    errors: z.number().int().describe("Responses ≥ 400 other than rate-limit refusals."),
    rateLimited: z.number().int(),
    cacheHits: z.number().int(),
    bytes: z.number().int().describe("Response body bytes."),
  })
  .meta({ id: "UsageBucket" });

const KeyUsageSchema = z
  .object({
    keyId: z.string(),
    buckets: z.array(UsageBucketSchema).describe("One per UTC day and route with traffic."),
    computedAt: z.iso.datetime(),
  })
  .meta({ id: "KeyUsage" });

/** GET /v1/keys/{keyId}/usage: requests by UTC day and route, from the usage stream. */
export function v1KeysUsageGet(clients: KeyManagementClients) {
  return defineRoute({
    method: "GET",
    path: "/v1/keys/{keyId}/usage",
    operationId: "getKeyUsage",
    summary: "Usage of an API key by day and route",
    description:
      "Counted from the usage stream, each request once; a request shows up here a few seconds after it was answered.",
    tags: ["keys"],
    scope: "analytics:read",
    request: { params: KeyIdParamsSchema, query: UsageQuerySchema },
    example: {
      params: { keyId: API_KEY_EXAMPLE.id },
      query: { from: "2026-11-01", to: "2026-11-30" },
    },
    problems: ["KEY_NOT_FOUND", "USAGE_RANGE_TOO_LONG", ...UPSTREAM_PROBLEMS],
    responses: {
      200: {
        description: "Usage buckets.",
        schema: KeyUsageSchema,
        example: {
          keyId: API_KEY_EXAMPLE.id,
          buckets: [
            {
              day: "2026-11-30",
              route: "POST /v1/charts",
              requests: 120,
              errors: 2,
              rateLimited: 0,
              cacheHits: 87,
              bytes: 1_048_576,
            },
          ],
          computedAt: "2026-12-01T00:00:05.000Z",
        },
      },
    },
    handler: async ({ params, query, caller }) => {
      // The key must be the caller's (or the caller an admin): 404 otherwise, like a stranger's.
      const { apiKey } = await clients.keys.getKey({ ...tenantOf(caller), keyId: params.keyId });
      const usage = await clients.analytics.getKeyUsage({
        accountId: apiKey?.accountId ?? "",
        keyId: params.keyId,
        fromDay: query.from ?? "",
        toDay: query.to ?? "",
      });
      return {
        json: {
          keyId: params.keyId,
          buckets: usage.buckets.map((bucket) => ({
            day: bucket.day,
            route: bucket.route,
            requests: Number(bucket.requests),
            errors: Number(bucket.errors),
            rateLimited: Number(bucket.rateLimited),
            cacheHits: Number(bucket.cacheHits),
            bytes: Number(bucket.bytes),
          })),
          computedAt: (usage.computedAt === undefined
            ? new Date()
            : timestampDate(usage.computedAt)
          ).toISOString(),
        },
      };
    },
  });
}
