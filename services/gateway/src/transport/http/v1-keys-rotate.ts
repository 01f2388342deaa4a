import { timestampDate } from "@bufbuild/protobuf/wkt";
import { z } from "zod";
import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { tenantOf } from "./caller.js";
import { keyJson } from "./key-messages.js";
import { ISSUED_KEY_EXAMPLE, IssuedKeySchema, KeyIdParamsSchema } from "./key-schemas.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";

const RotateKeyBodySchema = z
  .strictObject({
    gracePeriodSeconds: z
      .int()
      .min(0)
      .max(30 * 24 * 3600)
      .optional()
      .describe("How long the old secret keeps working: default 86400 (24 h), 0 to stop it now."),
  })
  .meta({ id: "RotateKeyRequest" });

const RotatedKeySchema = IssuedKeySchema.extend({
  previousKeyId: z.string(),
  previousKeyExpiresAt: z.iso
    .datetime()
    .describe(
      "When the old secret stops working: the end of the grace period, never later than its own expiry.",
    ),
}).meta({ id: "RotatedApiKey" });

/**
 * POST /v1/keys/{keyId}/rotate: a new key with a new secret, inheriting name, scopes, limits and
 * expiry; the old one keeps working for the grace period.
 */
export function v1KeysRotate(clients: KeyManagementClients) {
  return defineRoute({
    method: "POST",
    path: "/v1/keys/{keyId}/rotate",
    operationId: "rotateKey",
    summary: "Rotate an API key",
    description:
      "Creates a replacement key (new id, new secret in `key`, shown once) that inherits name, scopes, environment, limits and expiry. The old key works until previousKeyExpiresAt, then answers 401. Not idempotent by Idempotency-Key (the response is never stored); a repeated rotation answers 409 key-already-rotated.",
    tags: ["keys"],
    scope: "keys:manage",
    idempotent: false,
    request: { params: KeyIdParamsSchema, body: RotateKeyBodySchema.optional() },
    example: { params: { keyId: ISSUED_KEY_EXAMPLE.id }, body: { gracePeriodSeconds: 3600 } },
    problems: [
      "KEY_NOT_FOUND",
      "KEY_REVOKED",
      "KEY_EXPIRED",
      "KEY_ALREADY_ROTATED",
      "KEY_CHANGED",
      "KEY_LIMIT_REACHED",
      "GRACE_PERIOD_TOO_LONG",
      ...UPSTREAM_PROBLEMS,
    ],
    responses: {
      200: {
        description: "The new key, with its secret.",
        schema: RotatedKeySchema,
        example: {
          ...ISSUED_KEY_EXAMPLE,
          id: "key_9sK2pL5mQ8rT1vW4xY7zA3",
          key: "orr_live_Pq7rS2tU5vW8xY1zA4bC6dE9fG3hJ5kL7mN0pQ2r",
          start: "orr_live_Pq7r",
          previousKeyId: ISSUED_KEY_EXAMPLE.id,
          previousKeyExpiresAt: "2026-12-02T11:00:00.000Z",
        },
      },
    },
    handler: async ({ params, body, caller }) => {
      const rotated = await clients.keys.rotateKey({
        ...tenantOf(caller),
        keyId: params.keyId,
        gracePeriodSeconds: body?.gracePeriodSeconds,
      });
      return {
        json: {
          ...keyJson(rotated.apiKey),
          key: rotated.key,
          previousKeyId: params.keyId,
          previousKeyExpiresAt: rotated.previousSecretExpiresAt
            ? timestampDate(rotated.previousSecretExpiresAt).toISOString()
            : new Date().toISOString(),
        },
      };
    },
  });
}
