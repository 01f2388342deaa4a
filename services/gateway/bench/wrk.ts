import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface LoadResult {
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  /** Responses that were not 2xx, plus socket errors. */
  readonly failures: number;
  /** Responses whose Cache-Status said hit (counted only when asked). */
  readonly cacheHits: number;
}

/**
 * Shared Lua: latency percentiles and counts printed as one JSON line by done(). Each script
 * defines request(); `count_hits` makes response() read Cache-Status (slower, so only for the
 * hit-ratio run).
 */
function luaScript(body: string, countHits: boolean, maxRequests: number | undefined): string {
  return `
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) failures = 0; hits = 0; sent = 0 end
${body}
function response(status, headers, body)
  if status < 200 or status > 299 then failures = failures + 1 end
  ${countHits ? 'local cs = headers["cache-status"] or headers["Cache-Status"]; if cs and string.find(cs, "; hit", 1, true) then hits = hits + 1 end' : ""}
  ${maxRequests === undefined ? "" : `sent = sent + 1; if sent >= ${maxRequests} then wrk.thread:stop() end`}
end
function done(summary, latency, requests)
  local f, h = 0, 0
  for _, t in ipairs(threads) do f = f + t:get("failures"); h = h + t:get("hits") end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format('RESULT {"requests":%d,"durationUs":%d,"p50":%d,"p95":%d,"p99":%d,"failures":%d,"hits":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99), f + errors, h))
end
`;
}

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly durationSeconds: number;
  /** Lua defining request() (and any state it needs). */
  readonly requestLua: string;
  readonly countHits?: boolean;
  /** Stop after about this many responses (per wrk thread). */
  readonly maxRequests?: number;
  readonly workDirectory: string;
  readonly name: string;
}

/** Drives `url` with wrk (one thread: the server under test gets the other core). */
export async function loadTest(options: LoadOptions): Promise<LoadResult> {
  const script = join(options.workDirectory, `${options.name}.lua`);
  await writeFile(
    script,
    luaScript(options.requestLua, options.countHits ?? false, options.maxRequests),
  );
  const { stdout } = await run(
    "wrk",
    [
      "-t1",
      `-c${options.connections}`,
      `-d${options.durationSeconds}s`,
      "--timeout",
      "5s",
      "-s",
      script,
      options.url,
    ],
    { maxBuffer: 10_000_000 },
  );
  const line = stdout.split("\n").find((text) => text.startsWith("RESULT "));
  if (line === undefined) throw new Error(`wrk printed no result:\n${stdout}`);
  const raw = JSON.parse(line.slice("RESULT ".length)) as Record<string, number>;
  const requests = raw.requests ?? 0;
  return {
    requests,
    requestsPerSecond: requests / ((raw.durationUs ?? 1) / 1e6),
    p50Ms: (raw.p50 ?? 0) / 1000,
    p95Ms: (raw.p95 ?? 0) / 1000,
    p99Ms: (raw.p99 ?? 0) / 1000,
    failures: raw.failures ?? 0,
    cacheHits: raw.hits ?? 0,
  };
}

/** Lua for a POST of one JSON body (with extra headers, e.g. Authorization). */
export function postBodyLua(
  path: string,
  body: string,
  headers: Readonly<Record<string, string>> = {},
): string {
  const extra = Object.entries(headers)
    .map(([name, value]) => `wrk.headers[${JSON.stringify(name)}] = ${luaString(value)}`)
    .join("\n");
  return `
wrk.method = "POST"
wrk.path = ${JSON.stringify(path)}
wrk.headers["Content-Type"] = "application/json"
${extra}
wrk.body = ${luaString(body)}
-- Formatted on first use: the Host header is only set once the thread runs.
local prepared
function request()
  if prepared == nil then prepared = wrk.format() end
  return prepared
end
`;
}

/** Lua cycling through bodies read from a file (one JSON body per line), in order. */
export function postBodiesFromFileLua(path: string, file: string): string {
  return `
local bodies = {}
for line in io.lines(${luaString(file)}) do table.insert(bodies, line) end
local index = 0
function request()
  index = index % #bodies + 1
  return wrk.format("POST", ${JSON.stringify(path)}, { ["Content-Type"] = "application/json" }, bodies[index])
end
`;
}

/** Lua generating a birth moment no request has used before (a cache miss every time). */
export function postUniqueChartLua(path: string, salt: number): string {
  return `
local counter = 0
function request()
  counter = counter + 1
  local minute = ${salt} + counter
  local day = math.floor(minute / 1440)
  local year = 1901 + math.floor(day / 336) % 290
  local month = 1 + math.floor(day / 28) % 12
  local dom = 1 + day % 28
  local body = string.format('{"datetime":"%04d-%02d-%02dT%02d:%02d:00","timezone":"Europe/Paris","latitude":%.4f,"longitude":2.35}',
    year, month, dom, math.floor(minute / 60) % 24, minute % 60, 48 + (counter % 1000) / 1000)
  return wrk.format("POST", ${JSON.stringify(path)}, { ["Content-Type"] = "application/json" }, body)
end
`;
}

function luaString(text: string): string {
  return `[==[${text}]==]`;
}
