import createClient, { type Client, type Middleware } from "openapi-fetch";
import { IDEMPOTENCY_KEY_OPERATIONS } from "./generated/operations.js";
import type { components, paths } from "./generated/schema.js";

/** An RFC 9457 problem as the API sends it; `code` is one of the documented codes. */
export type Problem = components["schemas"]["Problem"];
export type ProblemCode = Problem["code"];

/** A request the API answered with a problem: its status and the problem, typed. */
export class OrreryProblem extends Error {
  override readonly name = "OrreryProblem";
  readonly code: ProblemCode;

  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(`${status} ${problem.code}: ${problem.detail}`);
    this.code = problem.code;
  }
}

export interface OrreryClientOptions {
  /** The gateway, e.g. http://127.0.0.1:8080. */
  readonly baseUrl: string;
  /** An API key (orr_live_… or orr_test_…), sent as Authorization: Bearer. */
  readonly apiKey: string;
  /** Retries of a 429, or of a 503 that is safe to repeat; default 2. */
  readonly maxRetries?: number;
  /** The longest Retry-After the client waits for before giving the refusal back; default 30 s. */
  readonly maxRetryAfterSeconds?: number;
  readonly fetch?: typeof globalThis.fetch;
}

/** JSON answers: an operation that can also answer in another media type (SVG) is typed as JSON. */
export type OrreryClient = Client<paths, "application/json">;

/** Seconds of a Retry-After field (delay-seconds or an HTTP date); undefined when absent. */
function retryAfterSeconds(response: Response): number | undefined {
  const value = response.headers.get("retry-after");
  if (value === null) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max((at - Date.now()) / 1000, 0);
}

/**
 * A fetch that waits out Retry-After and sends the request again: for a 429 (a refused request
 * did nothing and was not charged) and for a 503 when repeating it is safe (a GET, or a request
 * carrying an Idempotency-Key, which the retry reuses).
 */
function retrying(options: OrreryClientOptions): typeof globalThis.fetch {
  const send = options.fetch ?? globalThis.fetch;
  const maxRetries = options.maxRetries ?? 2;
  const longest = options.maxRetryAfterSeconds ?? 30;
  return async (input, init) => {
    const original = new Request(input, init);
    for (let attempt = 0; ; attempt += 1) {
      const response = await send(original.clone());
      const repeatable =
        response.status === 429 ||
        (response.status === 503 &&
          (original.method === "GET" || original.headers.has("idempotency-key")));
      const wait = retryAfterSeconds(response);
      if (!repeatable || attempt >= maxRetries || wait === undefined || wait > longest) {
        return response;
      }
      await response.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    }
  };
}

/**
 * The Orrery API, typed from its OpenAPI document: `client.POST("/v1/charts", { body })` checks
 * paths, parameters and bodies at compile time and types `data` and `error`. Every request
 * carries the API key; a POST that takes an Idempotency-Key gets a fresh one unless it brings
 * its own, so a retry (here or by the caller, with the same key) is never billed twice.
 */
export function createOrreryClient(options: OrreryClientOptions): OrreryClient {
  const client = createClient<paths, "application/json">({
    baseUrl: options.baseUrl,
    fetch: retrying(options),
  });
  const authenticate: Middleware = {
    onRequest({ request, schemaPath }) {
      request.headers.set("authorization", `Bearer ${options.apiKey}`);
      if (
        IDEMPOTENCY_KEY_OPERATIONS.has(`${request.method} ${schemaPath}`) &&
        !request.headers.has("idempotency-key")
      ) {
        request.headers.set("idempotency-key", crypto.randomUUID());
      }
      return request;
    },
  };
  client.use(authenticate);
  return client;
}

/** The data of a successful call, or an OrreryProblem with the status and the typed problem. */
export function unwrap<Data>(result: { data?: Data; error?: unknown; response: Response }): Data {
  if (result.error !== undefined || result.data === undefined) {
    throw new OrreryProblem(result.response.status, result.error as Problem);
  }
  return result.data;
}
