import type { LookupFunction } from "node:net";
import { Agent, errors, request } from "undici";
import type { AttemptResult, NoResponseReason } from "../domain/delivery-outcome.js";
import {
  DestinationNotAllowedError,
  type DestinationPolicy,
  hostAddress,
} from "../domain/destination-policy.js";
import type { OutboundRequest, Sender } from "../domain/dispatcher.js";
import type { AddressResolver } from "../domain/ports.js";

export interface UndiciSenderOptions {
  readonly policy: DestinationPolicy;
  readonly resolver: AddressResolver;
  /** Whole attempt, connect to last body byte. */
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
  /** Keep-alive connections per origin at most (the per-endpoint concurrency). */
  readonly connectionsPerOrigin: number;
}

const RESPONSE_BODY_BYTES = 4_096;
/** Read past the kept 4 KiB so the connection can be reused; past this it is dropped instead. */
const DRAIN_BYTES = 64 * 1024;

/**
 * Outbound HTTP through undici with keep-alive per origin. The address check happens where the
 * connection is made: the lookup the socket uses refuses any answer the policy does not allow,
 * so a DNS answer that changed since the endpoint was created (rebinding) never gets a
 * connection. Literal-IP URLs are checked before the request. Redirects are never followed.
 */
export class UndiciSender implements Sender {
  private readonly agent: Agent;

  constructor(private readonly options: UndiciSenderOptions) {
    const lookupGuard: LookupFunction = (hostname, lookupOptions, callback) => {
      options.resolver.resolve(hostname).then(
        (addresses) => {
          const allowListed = options.policy.hostAllowListed(hostname);
          const refused = allowListed
            ? undefined
            : addresses.find((address) => !options.policy.addressAllowed(address));
          if (refused !== undefined) {
            callback(new DestinationNotAllowedError(hostname, refused), "", 0);
            return;
          }
          const answers = addresses.map((address) => ({
            address,
            family: address.includes(":") ? 6 : 4,
          }));
          if (lookupOptions.all) {
            (callback as unknown as (error: null, addresses: typeof answers) => void)(
              null,
              answers,
            );
          } else {
            const first = answers[0];
            if (first === undefined) callback(new Error(`${hostname} has no address`), "", 0);
            else callback(null, first.address, first.family);
          }
        },
        (error: unknown) => callback(error as NodeJS.ErrnoException, "", 0),
      );
    };
    this.agent = new Agent({
      connections: options.connectionsPerOrigin,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 120_000,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connect: { timeout: options.connectTimeoutMs, lookup: lookupGuard },
    });
  }

  async send(outbound: OutboundRequest): Promise<AttemptResult> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    const url = new URL(outbound.url);
    const literal = hostAddress(url.hostname);
    if (literal !== undefined && !this.options.policy.addressAllowed(literal)) {
      return {
        kind: "error",
        error: new DestinationNotAllowedError(url.hostname, literal).message,
        reason: "destination_not_allowed",
        latencyMs: 0,
      };
    }
    try {
      const response = await request(url, {
        method: "POST",
        headers: outbound.headers,
        body: outbound.body,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const body = await readPrefix(response.body);
      const retryAfter = response.headers["retry-after"];
      return {
        kind: "response",
        status: response.statusCode,
        retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
        body,
        latencyMs: elapsed(),
      };
    } catch (error) {
      return {
        kind: "error",
        ...describeError(error, this.options.timeoutMs),
        latencyMs: elapsed(),
      };
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

async function readPrefix(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<Buffer> {
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let readBytes = 0;
  for await (const chunk of body) {
    readBytes += chunk.length;
    if (keptBytes < RESPONSE_BODY_BYTES) {
      const part = chunk.subarray(0, RESPONSE_BODY_BYTES - keptBytes);
      kept.push(part);
      keptBytes += part.length;
    }
    if (readBytes > DRAIN_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(kept);
}

function describeError(
  error: unknown,
  timeoutMs: number,
): { error: string; reason: NoResponseReason } {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof DestinationNotAllowedError)
      return { error: cause.message, reason: "destination_not_allowed" };
    if (
      cause.name === "TimeoutError" ||
      cause instanceof errors.HeadersTimeoutError ||
      cause instanceof errors.BodyTimeoutError
    ) {
      return { error: `timed out after ${timeoutMs} ms`, reason: "timeout" };
    }
    if (cause instanceof errors.ConnectTimeoutError)
      return { error: "connect timed out", reason: "timeout" };
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === "ECONNREFUSED") return { error: "connection refused", reason: "connection" };
    if (code === "ECONNRESET" || code === "UND_ERR_SOCKET")
      return { error: "connection reset", reason: "connection" };
    if (code === "ENOTFOUND" || code === "ENODATA" || code === "ESERVFAIL")
      return { error: "host not found", reason: "connection" };
    if (code?.startsWith("ERR_TLS") || code?.includes("CERT"))
      return { error: `TLS: ${cause.message}`, reason: "tls" };
  }
  return { error: error instanceof Error ? error.message : String(error), reason: "other" };
}
