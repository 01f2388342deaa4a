import { type Timestamp, timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { DomainError } from "@orrery/errors";
import {
  type LimitOverrides,
  limitOverridesFromProto,
  limitOverridesToProto,
} from "@orrery/policy";
import { type ApiKey, KeyEnvironment } from "@orrery/proto/apikey/v1/api_key";
import type { z } from "zod";
import type { ApiKeySchema, ScopeSchema } from "./key-schemas.js";

/** Between the public JSON of keys and api-key's protobuf messages. */

function iso(timestamp: Timestamp | undefined): string | undefined {
  return timestamp === undefined ? undefined : timestampDate(timestamp).toISOString();
}

export function dateToTimestamp(value: string | undefined): Timestamp | undefined {
  return value === undefined ? undefined : timestampFromDate(new Date(value));
}

export function overridesToMessage(overrides: LimitOverrides | undefined) {
  return overrides === undefined ? undefined : limitOverridesToProto(overrides);
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
