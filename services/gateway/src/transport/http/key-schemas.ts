import { SCOPES } from "@orrery/key-contract";
import { LIMIT_FIELDS, type LimitField } from "@orrery/policy";
import { z } from "zod";

/** The public JSON shapes of API keys and their limits (/v1/keys, /v1/accounts). */

const limit = (description: string) =>
  z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe(description);

export const LimitOverridesSchema = z
  .strictObject(
    Object.fromEntries(
      Object.entries(LIMIT_FIELDS).map(([field, description]) => [field, limit(description)]),
    ) as Record<LimitField, ReturnType<typeof limit>>,
  )
  .describe("Departures from the plan's limits; a field left out means as the plan.")
  .meta({ id: "LimitOverrides" });

export const ScopeSchema = z.enum(SCOPES).meta({ id: "Scope" });

export const ApiKeySchema = z
  .object({
    id: z.string().describe("key_…"),
    accountId: z.string(),
    name: z.string(),
    start: z
      .string()
      .describe("The prefix and the first four characters of the secret, to recognize the key."),
    scopes: z.array(ScopeSchema),
    environment: z.enum(["live", "test"]),
    overrides: LimitOverridesSchema,
    expiresAt: z.iso.datetime().optional(),
    lastUsedAt: z.iso
      .datetime()
      .optional()
      .describe("When the key last authenticated a request; updated about once a minute."),
    createdAt: z.iso.datetime(),
    rotatedAt: z.iso.datetime().optional(),
    replacedByKeyId: z
      .string()
      .optional()
      .describe(
        "Set once rotated: the key that replaced this one (this one works until expiresAt).",
      ),
    revokedAt: z.iso.datetime().optional(),
  })
  .meta({ id: "ApiKey" });

export const IssuedKeySchema = ApiKeySchema.extend({
  key: z
    .string()
    .describe(
      "The secret. Shown in this response only; store it now. Matches orr_(live|test)_[0-9A-Za-z]{38}.",
    ),
}).meta({ id: "IssuedApiKey" });

export const KeyIdParamsSchema = z.strictObject({
  keyId: z.string().regex(/^key_[0-9A-Za-z]{1,64}$/, "Must be a key id (key_…)."),
});
