/**
 * What a key may do. Every public route declares the one scope it needs; `admin` satisfies
 * every scope and is reserved for the operator account's keys.
 */
export const SCOPES = [
  "charts:read",
  "batches:read",
  "batches:write",
  "webhooks:manage",
  "keys:manage",
  "analytics:read",
  "analytics:write",
  "realtime:connect",
  "admin",
] as const;

export type Scope = (typeof SCOPES)[number];

export const ADMIN_SCOPE: Scope = "admin";

const KNOWN = new Set<string>(SCOPES);

export function isScope(value: string): value is Scope {
  return KNOWN.has(value);
}

/** Whether a key holding `granted` may call a route that needs `required`. */
export function grantsScope(granted: readonly string[], required: string): boolean {
  return granted.includes(required) || granted.includes(ADMIN_SCOPE);
}
