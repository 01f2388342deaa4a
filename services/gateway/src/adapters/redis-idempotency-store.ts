import type { Redis } from "ioredis";
import type { IdempotencyRecord, IdempotencyStore, StoredResponse } from "../domain/idempotency.js";

const PREFIX = "orrery:gateway:idempotency:";

// Writes only while the record is still this request's claim (a late writer whose claim
// expired and was taken over must not overwrite the new holder's record).
const COMPLETE = `
local current = redis.call("GET", KEYS[1])
if current and cjson.decode(current).fingerprint ~= ARGV[1] then return 0 end
if current and cjson.decode(current).state == "done" then return 0 end
redis.call("SET", KEYS[1], ARGV[2], "PX", ARGV[3])
return 1`;

const RELEASE = `
local current = redis.call("GET", KEYS[1])
if not current then return 0 end
local record = cjson.decode(current)
if record.fingerprint == ARGV[1] and record.state == "pending" then
  return redis.call("DEL", KEYS[1])
end
return 0`;

function parse(raw: string | null): IdempotencyRecord | undefined {
  return raw === null ? undefined : (JSON.parse(raw) as IdempotencyRecord);
}

/** Idempotency records in Redis: SET NX claims, Lua-guarded completion and release. */
export function redisIdempotencyStore(redis: Redis): IdempotencyStore {
  return {
    async claim(key, fingerprint, pendingTtlMs) {
      const pending = JSON.stringify({ state: "pending", fingerprint });
      const claimed = await redis.set(PREFIX + key, pending, "PX", pendingTtlMs, "NX");
      if (claimed === "OK") return undefined;
      const existing = parse(await redis.get(PREFIX + key));
      // Vanished between SET NX and GET (expired or released): report as still pending so
      // the caller polls and then claims it.
      return existing ?? { state: "pending", fingerprint };
    },
    async get(key) {
      return parse(await redis.get(PREFIX + key));
    },
    async complete(key, fingerprint, response: StoredResponse, ttlMs) {
      const record = JSON.stringify({ state: "done", fingerprint, response });
      await redis.eval(COMPLETE, 1, PREFIX + key, fingerprint, record, ttlMs);
    },
    async release(key, fingerprint) {
      await redis.eval(RELEASE, 1, PREFIX + key, fingerprint);
    },
  };
}
