import { type Timestamp, timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { DomainError } from "@orrery/errors";
import { SCOPES } from "@orrery/key-contract";
import { LIMIT_FIELDS, type LimitField, limitOverridesFromProto } from "@orrery/policy";
import { type ApiKey, KeyEnvironment } from "@orrery/proto/apikey/v1/api_key";
import type { Response } from "express";
import { z } from "zod";
import { isAdmin } from "../../domain/authentication.js";
import { requestContext } from "./request-context.js";

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

function iso(timestamp: Timestamp | undefined): string | undefined {
  return timestamp === undefined ? undefined : timestampDate(timestamp).toISOString();
}

export function dateToTimestamp(value: string | undefined): Timestamp | undefined {
  return value === undefined ? undefined : timestampFromDate(new Date(value));
}

/** The public JSON of a key: never its secret (the API never has it after creation). */
export function keyJson(apiKey: ApiKey | undefined): z.output<typeof ApiKeySchema> {
  if (apiKey === undefined) throw new DomainError("INTERNAL_ERROR", "api-key returned no key");
  return {
    id: apiKey.id,
    accountId: apiKey.accountId,
    name: apiKey.name,
    start: apiKey.start,
    scopes: apiKey.scopes as z.output<typeof ScopeSchema>[],
    environment: apiKey.environment === KeyEnvironment.TEST ? "test" : "live",
    overrides: limitOverridesFromProto(apiKey.overrides),
    expiresAt: iso(apiKey.expiresAt),
    lastUsedAt: iso(apiKey.lastUsedAt),
    createdAt: iso(apiKey.createdAt) ?? new Date(0).toISOString(),
    rotatedAt: iso(apiKey.rotatedAt),
    replacedByKeyId: apiKey.replacedByKeyId,
    revokedAt: iso(apiKey.revokedAt),
  };
}

/** The verified caller; the authenticate guard ran, so a missing one is a wiring bug. */
export function caller(response: Response) {
  const auth = requestContext(response).auth;
  if (auth === undefined) {
    throw new DomainError("INTERNAL_ERROR", "route reached without authentication");
  }
  return auth;
}

/**
 * The tenant a key request is about: an admin may act on any account's keys (`anyAccount`);
 * everyone else only on their own, and another tenant's ids answer 404 like unknown ones.
 */
export function tenantOf(response: Response): { accountId: string; anyAccount: boolean } {
  const auth = caller(response);
  return { accountId: auth.accountId, anyAccount: isAdmin(auth) };
}
