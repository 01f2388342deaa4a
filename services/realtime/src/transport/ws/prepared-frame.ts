import type { WebSocket } from "ws";
import * as wsModule from "ws";
import type { Publication } from "../../domain/model.js";

// A publication goes to every subscriber of its channel as the same bytes, so its WebSocket
// frame (header and UTF-8 payload) is built once and written to each socket as it is, the way
// ws's own prepared messages are: one buffer per publication instead of a string encoded again
// and a header framed again for each of 10,000 sockets.

interface FrameOptions {
  readonly fin: boolean;
  readonly opcode: number;
  readonly mask: boolean;
  readonly readOnly: boolean;
  readonly rsv1: boolean;
}

/** The parts of ws's Sender used here (`ws` exports it; its type package does not declare it). */
interface SenderClass {
  frame(data: Buffer, options: FrameOptions): Buffer[];
}
interface SocketSender {
  /** 0 while nothing is queued in the sender (no compression or blob read in progress). */
  readonly _state: number;
  sendFrame(list: readonly Buffer[], callback?: (error?: Error) => void): void;
}

const { Sender } = wsModule as unknown as { Sender: SenderClass };
const TEXT = 0x1;
const SENDER_IDLE = 0;
const OPEN = 1;

const frames = new WeakMap<Publication, Buffer>();

/** The publication's unmasked text frame, built on first use and kept while it is. */
export function preparedFrame(publication: Publication): Buffer {
  let frame = frames.get(publication);
  if (frame === undefined) {
    frame = Buffer.concat(
      Sender.frame(Buffer.from(publication.frame), {
        fin: true,
        opcode: TEXT,
        mask: false,
        readOnly: true,
        rsv1: false,
      }),
    );
    frames.set(publication, frame);
  }
  return frame;
}

/**
 * Writes the publication's prepared frame to the socket through its sender, so the bytes are
 * counted in `bufferedAmount` like any other send. Falls back to `send` when the sender is busy
 * with something of its own (it would otherwise be overtaken).
 */
export function sendPublication(socket: WebSocket, publication: Publication): void {
  if (socket.readyState !== OPEN) return;
  const sender = (socket as unknown as { _sender?: SocketSender })._sender;
  if (sender === undefined || sender._state !== SENDER_IDLE) {
    socket.send(publication.frame);
    return;
  }
  sender.sendFrame([preparedFrame(publication)]);
}
