import { mintRealtimeToken } from "@orrery/key-contract";
import type { Policy } from "@orrery/policy";
import { z } from "zod";
import { limitsOf } from "../../domain/authentication.js";
import { requireCaller } from "./caller.js";
import { defineRoute } from "./route.js";

export interface RealtimeTokenDependencies {
  /** Shared with realtime (REALTIME_TOKEN_SECRET), which checks tokens with it. */
  readonly secret: string;
  readonly ttlMs: number;
  readonly policy: () => Policy;
  readonly now: () => number;
}

const RealtimeTokenSchema = z
  .object({
    token: z
      .string()
      .max(4_096)
      .describe(
        "Pass as `?token=` to GET /v1/realtime (WebSocket) or GET /v1/events/stream; send it in a `refresh` frame to extend a live connection.",
      ),
    expiresAt: z.iso
      .datetime()
      .describe("After this instant a connection that did not refresh closes with 4001."),
    connectionLimit: z
      .number()
      .int()
      .max(1_000_000)
      .describe(
        "Realtime connections the account may hold at once (the plan's realtimeConnections).",
      ),
  })
  .meta({ id: "RealtimeToken" });

/**
 * POST /v1/realtime/token: a short-lived token for the realtime endpoints, for browsers, which
 * cannot send an API key on a WebSocket upgrade. It carries the account, the key's scopes and
 * the plan's connection limit, signed for realtime to check without a call.
 */
export function v1RealtimeTokenCreate(dependencies: RealtimeTokenDependencies) {
  return defineRoute({
    method: "POST",
    path: "/v1/realtime/token",
    operationId: "createRealtimeToken",
    summary: "Create a realtime token",
    description:
      "A signed token for `wss://…/v1/realtime?token=…` and `/v1/events/stream?token=…`, valid for minutes: mint it on your server with your API key and hand it to the browser. Connect with it, subscribe to channels (account, keys, usage, webhooks, batch:{id}) and send `refresh` with a new token before expiresAt. Not replayable with Idempotency-Key: each call mints a new token.",
    tags: ["realtime"],
    scope: "realtime:connect",
    idempotent: false,
    responses: {
      201: {
        description: "The token.",
        schema: RealtimeTokenSchema,
        example: {
          token:
            "rt1.eyJhIjoiYWNjXzEiLCJrIjoia2V5XzEiLCJzIjpbInJlYWx0aW1lOmNvbm5lY3QiXSwiYyI6MiwiZSI6MTc5NjIwMDAwMH0.c2lnbmF0dXJl",
          expiresAt: "2026-12-02T10:10:00.000Z",
          connectionLimit: 2,
        },
      },
    },
    handler: async ({ caller }) => {
      const identity = requireCaller(caller);
      const connectionLimit = limitsOf(identity, dependencies.policy()).realtimeConnections;
      // Never past the key's own expiry.
      const expiresAtMs = Math.min(
        dependencies.now() + dependencies.ttlMs,
        identity.expiresAt ?? Number.POSITIVE_INFINITY,
      );
      const expiresAt = Math.floor(expiresAtMs / 1000);
      const token = mintRealtimeToken(
        {
          accountId: identity.accountId,
          keyId: identity.keyId,
          scopes: identity.scopes,
          connectionLimit,
          expiresAt,
        },
        dependencies.secret,
      );
      return {
        status: 201,
        json: { token, expiresAt: new Date(expiresAt * 1000).toISOString(), connectionLimit },
      };
    },
  });
}
