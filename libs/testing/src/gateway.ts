import { randomUUID } from "node:crypto";
import { infra } from "./infra.js";
import { stackAdminKey } from "./stack.js";

export interface GatewayRequestOptions {
  /** Another gateway than the stack's, e.g. one a test started on a port of its own. */
  readonly base?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/**
 * A request to the running stack's gateway as a client sends it: the key as a bearer token
 * (none when undefined) and `body`, when given, as JSON.
 */
export function gatewayFetch(
  method: string,
  path: string,
  key: string | undefined,
  body?: unknown,
  options: GatewayRequestOptions = {},
): Promise<Response> {
  return fetch(`${options.base ?? infra.gatewayUrl}${path}`, {
    method,
    headers: {
      ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...options.headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...(options.timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(options.timeoutMs) }),
  });
}

export interface GatewayReply<Body> {
  readonly status: number;
  readonly headers: Headers;
  /** The answer's JSON; `{}` when it has no body. */
  readonly body: Body;
}

/** `gatewayFetch` with the answer read. */
export async function gatewayCall<Body = Record<string, unknown>>(
  method: string,
  path: string,
  key: string | undefined,
  body?: unknown,
  options: GatewayRequestOptions = {},
): Promise<GatewayReply<Body>> {
  const response = await gatewayFetch(method, path, key, body, options);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === "" ? {} : JSON.parse(text)) as Body,
  };
}

export interface TenantOptions {
  readonly scopes: readonly string[];
  /** Default premium. */
  readonly plan?: string;
  /** Limits of the account's own, over the plan's. */
  readonly overrides?: Readonly<Record<string, number>>;
  /** The account's and the key's name; default a unique one. */
  readonly name?: string;
  readonly environment?: "live" | "test";
  /** Default the stack's first admin key. */
  readonly admin?: string;
  readonly base?: string;
}

export interface Tenant {
  readonly accountId: string;
  readonly key: string;
  readonly keyId: string;
}

/**
 * A new account with one key of `scopes`, made through the gateway with an admin key, as an
 * operator makes one. Throws with the problem the gateway answered if either is refused.
 */
export async function createTenant(options: TenantOptions): Promise<Tenant> {
  const admin = options.admin ?? (await stackAdminKey());
  const name = options.name ?? `tenant ${randomUUID().slice(0, 8)}`;
  const request = { base: options.base };
  const account = await gatewayCall<{ id: string }>(
    "POST",
    "/v1/accounts",
    admin,
    {
      name,
      plan: options.plan ?? "premium",
      ...(options.overrides === undefined ? {} : { overrides: options.overrides }),
    },
    request,
  );
  if (account.status !== 201) {
    throw new Error(`account refused (${account.status}): ${JSON.stringify(account.body)}`);
  }
  const key = await gatewayCall<{ id: string; key: string }>(
    "POST",
    "/v1/keys",
    admin,
    {
      accountId: account.body.id,
      name,
      scopes: options.scopes,
      ...(options.environment === undefined ? {} : { environment: options.environment }),
    },
    request,
  );
  if (key.status !== 201) {
    throw new Error(`key refused (${key.status}): ${JSON.stringify(key.body)}`);
  }
  return { accountId: account.body.id, key: key.body.key, keyId: key.body.id };
}
