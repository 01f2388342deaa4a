import { DomainError } from "@orrery/errors";
import { ADMIN_SCOPE, grantsScope } from "@orrery/key-contract";
import { type EffectiveLimits, isPlanName, type LimitOverrides, type Policy } from "@orrery/policy";

/** Who a verified key speaks for: what the gateway caches and attaches to the request. */
export interface Identity {
  readonly accountId: string;
  readonly keyId: string;
  readonly plan: string;
  readonly scopes: readonly string[];
  readonly environment: "live" | "test";
  /** Epoch milliseconds; the cached verdict stops working at this instant. */
  readonly expiresAt: number | undefined;
  readonly accountOverrides: LimitOverrides;
  readonly keyOverrides: LimitOverrides;
  /** Day of month (1-28, UTC) the monthly quota resets on; rate limiting needs it. */
  readonly billingCycleAnchorDay?: number;
}

/**
 * What the api-key service said about a secret. `invalid` covers never-existed, revoked and
 * expired alike: the public answer is the same for all three.
 */
export type Verdict =
  | { readonly kind: "valid"; readonly identity: Identity }
  | { readonly kind: "suspended"; readonly identity: Identity }
  | { readonly kind: "invalid" };

export const INVALID: Verdict = { kind: "invalid" };

/** A 401 answer: every kind of bad key gets this same one. */
export function invalidApiKey(): DomainError {
  return new DomainError(
    "INVALID_API_KEY",
    "The API key is not valid: it is malformed, unknown, revoked or expired.",
  );
}

export function apiKeyRequired(): DomainError {
  return new DomainError(
    "API_KEY_REQUIRED",
    "This route needs an API key: send Authorization: Bearer <key> (or X-API-Key: <key>).",
  );
}

/**
 * The key a request presents: `X-API-Key: <key>` or `Authorization: Bearer <key>`. Both at once
 * must carry the same key (a client that fills in every security scheme of the document sends
 * both); two different keys are refused as invalid rather than guessing which one was meant.
 */
export function presentedKey(
  authorization: string | undefined,
  apiKey: string | undefined,
): string {
  if (apiKey === undefined) return bearerToken(authorization);
  const key = apiKey.trim();
  if (authorization !== undefined) {
    if (bearerToken(authorization) !== key) throw invalidApiKey();
    return key;
  }
  if (key === "") throw apiKeyRequired();
  return key;
}

/** The key from `Authorization: Bearer <key>`; a missing or non-Bearer header is an error. */
export function bearerToken(header: string | undefined): string {
  if (header === undefined || header.trim() === "") throw apiKeyRequired();
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (match?.[1] === undefined) throw invalidApiKey();
  return match[1];
}

/**
 * Whether a verdict lets a request through a route that needs `scope`. Order matters: an
 * invalid or expired key learns nothing else; only a working key learns its account is
 * suspended or its scopes fall short.
 */
export function authorize(verdict: Verdict, scope: string, now: number): Identity {
  if (verdict.kind === "invalid") throw invalidApiKey();
  const { identity } = verdict;
  if (identity.expiresAt !== undefined && identity.expiresAt <= now) throw invalidApiKey();
  if (verdict.kind === "suspended") {
    throw new DomainError(
      "ACCOUNT_SUSPENDED",
      "The account this key belongs to is suspended; contact support.",
    );
  }
  if (!grantsScope(identity.scopes, scope)) {
    throw new DomainError(
      "INSUFFICIENT_SCOPE",
      `This key lacks the ${scope} scope this route needs.`,
      { metadata: { requiredScope: scope } },
    );
  }
  return identity;
}

export function isAdmin(identity: Pick<Identity, "scopes">): boolean {
  return identity.scopes.includes(ADMIN_SCOPE);
}

/** The caller's limits in force: its plan's, with its account's and then its key's overrides. */
export function limitsOf(
  identity: Pick<Identity, "plan" | "accountOverrides" | "keyOverrides">,
  policy: Policy,
): EffectiveLimits {
  if (!isPlanName(identity.plan)) {
    throw new DomainError("INTERNAL_ERROR", `unknown plan ${identity.plan}`);
  }
  return policy.limitsFor({
    plan: identity.plan,
    accountOverrides: identity.accountOverrides,
    keyOverrides: identity.keyOverrides,
  });
}

/**
 * A key may only mint keys with scopes it holds itself (an admin, any scope), so no key can
 * create a more powerful one.
 */
export function assertGrantable(
  caller: Pick<Identity, "scopes">,
  requested: readonly string[],
): void {
  if (isAdmin(caller)) return;
  const excess = requested.filter((scope) => !caller.scopes.includes(scope));
  if (excess.length > 0) {
    throw new DomainError(
      "SCOPE_NOT_GRANTABLE",
      `A key can only grant scopes it holds; this one lacks ${excess.join(", ")}.`,
      { metadata: { scopes: excess.join(",") } },
    );
  }
}
