import { DomainError } from "@orrery/errors";
import { type Identity, isAdmin } from "../../domain/authentication.js";

/** The verified caller; the authenticate guard ran, so a missing one is a wiring bug. */
export function requireCaller(caller: Identity | undefined): Identity {
  if (caller === undefined) {
    throw new DomainError("INTERNAL_ERROR", "route reached without authentication");
  }
  return caller;
}

/**
 * The tenant a key request is about: an admin may act on any account's keys (`anyAccount`);
 * everyone else only on their own, and another tenant's ids answer 404 like unknown ones.
 */
export function tenantOf(caller: Identity | undefined): { accountId: string; anyAccount: boolean } {
  const identity = requireCaller(caller);
  return { accountId: identity.accountId, anyAccount: isAdmin(identity) };
}
