import type { IncomingMessage, ServerResponse } from "node:http";
import { type ErrorCode, errorCodeEntry } from "@orrery/errors";
import type { Logger } from "@orrery/telemetry";
import type { Gatekeeper } from "../../domain/admission.js";
import { type ChannelPosition, CLOSE_CODES } from "../../domain/model.js";
import { Session, type SessionDependencies } from "../../domain/session.js";
import { credentialOf } from "./credentials.js";

export const EVENTS_STREAM_PATH = "/v1/events/stream";
const MAX_CHANNELS = 8;

export interface EventsStreamOptions {
  readonly gatekeeper: Gatekeeper;
  readonly session: SessionDependencies;
  readonly logger: Logger;
  readonly maxBufferedBytes: number;
  readonly keepAliveMs: number;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  API_KEY_REQUIRED: 401,
  INVALID_API_KEY: 401,
  REALTIME_TOKEN_INVALID: 401,
  INSUFFICIENT_SCOPE: 403,
  REALTIME_CONNECTION_LIMIT_REACHED: 429,
  VALIDATION_FAILED: 400,
};

/**
 * GET /v1/events/stream?channels=a,b (text/event-stream), for clients and proxies without
 * WebSocket: the same admission and channels; each publication's id is `epoch:offset` (one
 * channel) or `channel=epoch:offset` for every channel, comma-separated, so `Last-Event-ID`
 * resumes each where it was.
 */
export class EventsStream {
  private readonly open = new Map<Session, { accountId: string; connectionId: string }>();

  constructor(private readonly options: EventsStreamOptions) {}

  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const channels = (url.searchParams.get("channels") ?? "")
      .split(",")
      .map((channel) => channel.trim())
      .filter((channel) => channel !== "");
    if (
      channels.length === 0 ||
      channels.length > MAX_CHANNELS ||
      new Set(channels).size !== channels.length
    ) {
      problem(
        response,
        "VALIDATION_FAILED",
        `channels: 1 to ${MAX_CHANNELS} distinct channels, comma-separated.`,
      );
      return;
    }
    const resume = parseLastEventId(request.headers["last-event-id"], channels);
    const admission = await this.options.gatekeeper.admit(credentialOf(request, url));
    if (admission.kind === "refused") {
      problem(response, admission.code, admission.reason);
      return;
    }
    const { principal, connectionId } = admission;
    response.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
      connection: "keep-alive",
    });
    response.write(": connected\n\n");
    const positions = new Map<string, ChannelPosition>();
    for (const [channel, position] of resume) positions.set(channel, position);
    let closed = false;
    const finish = (code: number, reason: string) => {
      if (closed) return;
      closed = true;
      response.end(`event: close\ndata: ${JSON.stringify({ code, reason })}\n\n`);
    };
    const session: Session = new Session(
      principal,
      {
        send: (frame) => {
          if (closed) return;
          if (response.writableLength > this.options.maxBufferedBytes) {
            session.close(CLOSE_CODES.slowConsumer, "slow consumer: too many unsent events");
            return;
          }
          const { type } = JSON.parse(frame) as { type: string };
          if (type === "ping") return;
          response.write(`event: ${type}\ndata: ${frame}\n\n`);
        },
        publish: (publication) => {
          if (closed) return;
          if (response.writableLength > this.options.maxBufferedBytes) {
            session.close(CLOSE_CODES.slowConsumer, "slow consumer: too many unsent events");
            return;
          }
          positions.set(publication.channel, {
            offset: publication.offset,
            epoch: publication.epoch,
          });
          const id = eventId(channels, positions);
          response.write(`id: ${id}\nevent: publication\ndata: ${publication.frame}\n\n`);
        },
        close: finish,
      },
      this.options.session,
    );
    this.open.set(session, { accountId: principal.accountId, connectionId });
    const keepAlive = setInterval(
      () => response.write(": keep-alive\n\n"),
      this.options.keepAliveMs,
    );
    response.on("close", () => {
      closed = true;
      clearInterval(keepAlive);
      session.end();
      this.open.delete(session);
      this.options.gatekeeper
        .release(principal.accountId, connectionId)
        .catch((error: unknown) => this.options.logger.warn({ err: error }, "stream not released"));
    });
    session.start();
    for (const channel of channels) {
      const since = resume.get(channel);
      await session.subscribe({ channel, ...(since === undefined ? {} : { since }) });
    }
  }

  openConnections(): { accountId: string; connectionId: string }[] {
    return [...this.open.values()];
  }

  /** Ends every stream with a reconnect hint (the client's EventSource comes back by itself). */
  drain(): void {
    for (const session of this.open.keys()) {
      session.close(CLOSE_CODES.serverShutdown, "server shutting down; reconnect with jitter");
    }
  }
}

function eventId(channels: readonly string[], positions: Map<string, ChannelPosition>): string {
  const [only] = channels;
  if (channels.length === 1 && only !== undefined) {
    const position = positions.get(only);
    return position === undefined ? "" : `${position.epoch}:${position.offset}`;
  }
  return channels
    .flatMap((channel) => {
      const position = positions.get(channel);
      return position === undefined ? [] : [`${channel}=${position.epoch}:${position.offset}`];
    })
    .join(",");
}

function parseLastEventId(
  header: string | string[] | undefined,
  channels: readonly string[],
): Map<string, ChannelPosition> {
  const result = new Map<string, ChannelPosition>();
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.length > 2048) return result;
  const [only] = channels;
  for (const part of value.split(",")) {
    const separator = part.lastIndexOf("=");
    const channel = separator < 0 && channels.length === 1 ? only : part.slice(0, separator);
    const position = /^([A-Za-z0-9_-]{1,64}):(\d{1,15})$/.exec(part.slice(separator + 1).trim());
    if (channel === undefined || position === null || !channels.includes(channel)) continue;
    result.set(channel, { epoch: position[1] ?? "", offset: Number(position[2]) });
  }
  return result;
}

function problem(response: ServerResponse, code: ErrorCode, detail: string): void {
  const status = STATUS[code] ?? 500;
  const body = JSON.stringify({
    type: `https://orrery.dev/problems/${code.toLowerCase().replaceAll("_", "-")}`,
    title: errorCodeEntry(code).title,
    status,
    detail,
    code,
  });
  response.writeHead(status, {
    "content-type": "application/problem+json",
    "content-length": Buffer.byteLength(body),
  });
  response.end(body);
}
