import type { ErrorCode } from "@orrery/errors";
import type { oas31 } from "zod-openapi";

/**
 * An operation the gateway relays to realtime before express sees it (a WebSocket upgrade, an
 * event stream), so it is no route of the registry: it is declared here for the document only.
 * Realtime authenticates it and answers its problems in the gateway's problem format.
 */
export interface RelayedOperation {
  readonly method: "GET";
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  readonly tags: readonly string[];
  /** API-key scope required (also carried by a realtime token). */
  readonly scope: string;
  readonly parameters: readonly oas31.ParameterObject[];
  /** Successful responses, by status. */
  readonly responses: Readonly<Record<string, oas31.ResponseObject>>;
  /** The problems it can answer with before it is upgraded or streaming. */
  readonly problems: readonly ErrorCode[];
}

export const TOKEN_PARAMETER: oas31.ParameterObject = {
  name: "token",
  in: "query",
  required: false,
  description:
    "A realtime token from POST /v1/realtime/token, for clients that cannot send Authorization (browsers). Without it, send the API key as `Authorization: Bearer`.",
  schema: { type: "string", maxLength: 1_024 },
};

/** The relay's answer when no realtime pod takes the request (an empty body, not a problem). */
export const REALTIME_UNREACHABLE: oas31.ResponseObject = {
  description: "No realtime pod could take the connection now; retry after Retry-After seconds.",
  headers: { "Retry-After": { $ref: "#/components/headers/Retry-After" } },
};
