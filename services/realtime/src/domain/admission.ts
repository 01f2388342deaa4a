import { randomUUID } from "node:crypto";
import type { ErrorCode } from "@orrery/errors";
import { grantsScope } from "@orrery/key-contract";
import { CLOSE_CODES, type Principal } from "./model.js";
import type { Authenticator, ConnectionRegistry, Credential } from "./ports.js";

export const CONNECT_SCOPE = "realtime:connect";

export type Admission =
  | { readonly kind: "admitted"; readonly principal: Principal; readonly connectionId: string }
  | {
      readonly kind: "refused";
      readonly code: ErrorCode;
      /** The WebSocket close code; event streams answer the code's HTTP status instead. */
      readonly closeCode: number;
      readonly reason: string;
    };

/**
 * Who may open a connection: a valid key or token with the `realtime:connect` scope, while the
 * account holds fewer connections (on every pod together) than its plan allows.
 */
export class Gatekeeper {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly registry: ConnectionRegistry,
  ) {}

  async admit(credential: Credential | undefined): Promise<Admission> {
    if (credential === undefined) {
      return refused("API_KEY_REQUIRED", CLOSE_CODES.badAuth, "send a key or a token");
    }
    const result = await this.authenticator.authenticate(credential);
    if (result.kind === "expired") {
      return refused("REALTIME_TOKEN_INVALID", CLOSE_CODES.tokenExpired, "token expired");
    }
    if (result.kind === "invalid") {
      return credential.kind === "token"
        ? refused("REALTIME_TOKEN_INVALID", CLOSE_CODES.badAuth, "token not valid")
        : refused("INVALID_API_KEY", CLOSE_CODES.badAuth, "key not valid");
    }
    const { principal } = result;
    if (!grantsScope(principal.scopes, CONNECT_SCOPE)) {
      return refused("INSUFFICIENT_SCOPE", CLOSE_CODES.insufficientScope, `needs ${CONNECT_SCOPE}`);
    }
    const connectionId = randomUUID();
    const admitted = await this.registry.acquire(
      principal.accountId,
      connectionId,
      principal.connectionLimit,
    );
    if (!admitted) {
      return refused(
        "REALTIME_CONNECTION_LIMIT_REACHED",
        CLOSE_CODES.policyViolation,
        `connection limit ${principal.connectionLimit} reached`,
      );
    }
    return { kind: "admitted", principal, connectionId };
  }

  async release(accountId: string, connectionId: string): Promise<void> {
    await this.registry.release(accountId, connectionId);
  }
}

function refused(code: ErrorCode, closeCode: number, reason: string): Admission {
  return { kind: "refused", code, closeCode, reason };
}
