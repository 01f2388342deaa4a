import { WebSocket } from "ws";

// A child process holding many realtime connections for the benchmark (a process may hold at
// most ~20,000 sockets here, so the idle row spreads its connections over two of these).
// Told what to do over IPC; records, per publication, the time from its publication to Kafka
// (carried in the notice's `used` field, epoch ms) to its arrival here.

type Command =
  | {
      type: "open";
      url: string;
      tokens: string[];
      channel: string | undefined;
      concurrency: number;
    }
  | { type: "collect" }
  | { type: "close" };

const sockets: WebSocket[] = [];
let latencies: number[] = [];
let lastArrival = 0;

function open(url: string, token: string, channel: string | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${url}?token=${token}`, { perMessageDeflate: false });
    socket.on("message", (data) => {
      const text = data.toString();
      if (text === '{"type":"ping"}') {
        socket.send('{"type":"pong"}');
        return;
      }
      if (text.startsWith('{"type":"subscribed"')) {
        resolve(true);
        return;
      }
      if (!text.startsWith('{"type":"publication"')) return;
      const used = /"used":"(\d+)"/.exec(text)?.[1];
      if (used === undefined) return;
      lastArrival = Date.now();
      latencies.push(lastArrival - Number(used));
    });
    socket.once("open", () => {
      sockets.push(socket);
      if (channel === undefined) resolve(true);
      else socket.send(JSON.stringify({ type: "subscribe", channel }));
    });
    socket.once("error", () => resolve(false));
    socket.once("close", () => resolve(false));
  });
}

process.on("message", async (command: Command) => {
  if (command.type === "open") {
    let next = 0;
    let failed = 0;
    const worker = async () => {
      while (next < command.tokens.length) {
        const token = command.tokens[next++] as string;
        if (!(await open(command.url, token, command.channel))) failed += 1;
      }
    };
    await Promise.all(Array.from({ length: command.concurrency }, worker));
    process.send?.({ type: "opened", open: sockets.length, failed });
  } else if (command.type === "collect") {
    const cpu = process.cpuUsage();
    process.send?.({
      type: "collected",
      latencies,
      lastArrival,
      cpuMs: (cpu.user + cpu.system) / 1000,
    });
    latencies = [];
  } else {
    for (const socket of sockets) socket.terminate();
    process.send?.({ type: "closed" });
    process.exit(0);
  }
});
