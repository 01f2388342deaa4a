/** SQLSTATEs that mean the server went away or refuses connections for now, not a bad query. */
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
const UNAVAILABLE_ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
const UNAVAILABLE_SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EPIPE",
]);
/** Prisma's own codes for an unreachable server, a closed connection, an exhausted pool. */
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);
// node-postgres raises these without a code.
const UNAVAILABLE_MESSAGES = [
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "is not queryable",
];

interface ErrorShape {
  readonly code?: unknown;
  readonly kind?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
  readonly meta?: { readonly driverAdapterError?: { readonly cause?: unknown } };
}

/**
 * Whether a failure means "the database cannot be reached right now" (a restart, a crash, a
 * full server) rather than a bad query: such work is worth retrying once it is back. Looks
 * through node-postgres, @prisma/adapter-pg and Prisma errors and their causes.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 5) return false;
  const shape = error as ErrorShape;
  if (typeof shape.code === "string") {
    if (UNAVAILABLE_SQLSTATES.has(shape.code) || shape.code.startsWith("08")) return true;
    if (UNAVAILABLE_SOCKET_CODES.has(shape.code) || UNAVAILABLE_PRISMA_CODES.has(shape.code)) {
      return true;
    }
  }
  if (typeof shape.kind === "string" && UNAVAILABLE_ADAPTER_KINDS.has(shape.kind)) return true;
  if (typeof shape.message === "string") {
    const message = shape.message;
    if (UNAVAILABLE_MESSAGES.some((fragment) => message.includes(fragment))) return true;
  }
  return (
    isDatabaseUnavailable(shape.meta?.driverAdapterError?.cause, depth + 1) ||
    isDatabaseUnavailable(shape.cause, depth + 1)
  );
}
