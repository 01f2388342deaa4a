import { pino } from "pino";
import { activeTraceIds } from "./trace-ids.js";

export type Logger = pino.Logger;

export interface LoggerOptions {
  readonly service: string;
  readonly level: string;
  /** Defaults to stdout; tests pass a stream to read what was logged. */
  readonly destination?: pino.DestinationStream;
}

// Whatever a caller logs, these never reach the output: API keys travel in Authorization
// headers and key/secret fields; webhook signing secrets and database URLs likewise.
const REDACTED_PATHS = [
  "authorization",
  "headers.authorization",
  "req.headers.authorization",
  "request.headers.authorization",
  "*.authorization",
  "key",
  "*.key",
  "secret",
  "*.secret",
  "signingSecret",
  "*.signingSecret",
  "password",
  "*.password",
  "databaseUrl",
  "*.databaseUrl",
];

/** One JSON line per event, carrying the active trace and span ids. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      name: options.service,
      level: options.level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      mixin() {
        const ids = activeTraceIds();
        return ids === undefined ? {} : { trace_id: ids.traceId, span_id: ids.spanId };
      },
    },
    // Synchronous writes: lines reach stdout in the order they were logged and none is lost when
    // the process exits. The services log events, not every request, so the cost is small.
    options.destination ?? pino.destination({ sync: true }),
  );
}
