import { createSocket, type Socket } from "node:dgram";
import { isIPv4, isIPv6 } from "node:net";

const TYPE_A = 1;
const TYPE_AAAA = 28;

function encodeAddress(address: string): Buffer {
  if (isIPv4(address)) return Buffer.from(address.split(".").map(Number));
  const [head = "", tail = ""] = address.split("::");
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const missing = 8 - groups(head).length - groups(tail).length;
  const all = [
    ...groups(head),
    ...Array(address.includes("::") ? missing : 0).fill("0"),
    ...groups(tail),
  ];
  const bytes = Buffer.alloc(16);
  for (const [index, group] of all.entries()) {
    bytes.writeUInt16BE(Number.parseInt(group, 16), index * 2);
  }
  return bytes;
}

/**
 * An authoritative DNS server on 127.0.0.1 (UDP, port 0) answering A and AAAA queries from a
 * table the test changes at will: enough to make a name's answer change between two lookups.
 */
export class DnsServer {
  readonly records = new Map<string, string[]>();
  private socket: Socket | undefined;

  get address(): string {
    const address = this.socket?.address();
    if (address === undefined) throw new Error("dns server not started");
    return `127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.socket = createSocket("udp4");
    this.socket.on("message", (query, peer) => {
      const answer = this.answer(query);
      if (answer !== undefined) this.socket?.send(answer, peer.port, peer.address);
    });
    await new Promise<void>((resolve) => this.socket?.bind(0, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.socket?.close(() => resolve()) ?? resolve());
  }

  private answer(query: Buffer): Buffer | undefined {
    if (query.length < 12) return undefined;
    let offset = 12;
    const labels: string[] = [];
    while (offset < query.length && query[offset] !== 0) {
      const length = query[offset] as number;
      labels.push(query.subarray(offset + 1, offset + 1 + length).toString("ascii"));
      offset += length + 1;
    }
    offset += 1;
    const type = query.readUInt16BE(offset);
    const question = query.subarray(12, offset + 4);
    const name = labels.join(".").toLowerCase();
    const addresses = (this.records.get(name) ?? []).filter((address) =>
      type === TYPE_A ? isIPv4(address) : type === TYPE_AAAA ? isIPv6(address) : false,
    );
    const header = Buffer.alloc(12);
    header.writeUInt16BE(query.readUInt16BE(0), 0);
    // Response, authoritative, recursion desired copied; NXDOMAIN for unknown names.
    const known = this.records.has(name);
    header.writeUInt16BE(0x8400 | (query.readUInt16BE(2) & 0x0100) | (known ? 0 : 3), 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(addresses.length, 6);
    const answers = addresses.map((address) => {
      const data = encodeAddress(address);
      const record = Buffer.alloc(12);
      record.writeUInt16BE(0xc00c, 0);
      record.writeUInt16BE(type, 2);
      record.writeUInt16BE(1, 4);
      // TTL 0: nobody may cache it, so the next lookup sees the change.
      record.writeUInt32BE(0, 6);
      record.writeUInt16BE(data.length, 10);
      return Buffer.concat([record, data]);
    });
    return Buffer.concat([header, question, ...answers]);
  }
}
