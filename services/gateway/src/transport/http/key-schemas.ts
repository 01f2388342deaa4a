import { SCOPES } from "@orrery/key-contract";
import { LIMIT_FIELDS, type LimitField } from "@orrery/policy";
import { z } from "zod";

/** The public JSON shapes of API keys and their limits (/v1/keys, /v1/accounts). */

/** The api-key service carries these as uint32; the monthly quota as uint64 (kept JSON-safe). */
const UINT32_MAX = 4_294_967_295;
const limit = (description: string, max = UINT32_MAX) =>
  z.int().min(0).max(max).optional().describe(description);

export const LimitOverridesSchema = z
  .strictObject(
    Object.fromEntries(
      Object.entries(LIMIT_FIELDS).map(([field, description]) => [
        field,
        limit(description, field === "monthlyQuota" ? Number.MAX_SAFE_INTEGER : UINT32_MAX),
      ]),
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

export const KeyIdSchema = z.string().regex(/^key_[0-9A-Za-z]{1,64}$/, "Must be a key id (key_…).");

export const KeyIdParamsSchema = z.strictObject({ keyId: KeyIdSchema });

/** nextPageToken as the API returns it (base64url); one it did not return is 422. */
export const PageTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,500}$/, "Must be a nextPageToken of this API.")
  .describe("nextPageToken of the previous page.");

export const API_KEY_EXAMPLE = {
  id: "key_4bW9mQ2xT7kLp3ZrV8nC1d",
  accountId: "acc_7Yq2Lm9XkR4tWp1ZsN6bJc",
  name: "production server",
  start: "orr_live_Hk3q",
  scopes: ["charts:read"],
  environment: "live",
  overrides: {},
  createdAt: "2026-12-01T09:30:00.000Z",
} satisfies z.input<typeof ApiKeySchema>;

export const ISSUED_KEY_EXAMPLE = {
  ...API_KEY_EXAMPLE,
  key: "orr_live_Hk3qZ8mW2pX5tR9vL1nB7cY4dF6gJ0sQ1a2B3c",
} satisfies z.input<typeof IssuedKeySchema>;
