import { randomBytes } from "node:crypto";
import { redisScript } from "@orrery/cache";
import type { Redis } from "ioredis";
import {
  type ChannelPosition,
  type Publication,
  publicationOf,
  type Recovery,
} from "../domain/model.js";
import type { BatchOwners, ChannelHistory, HistoryAppend } from "../domain/ports.js";

export interface HistoryLimits {
  /** Publications kept per channel. */
  readonly maxLength: number;
  /** Publications older than this leave the history. */
  readonly maxAgeMs: number;
  /** A channel's epoch and offset outlive a quiet spell this long. */
  readonly positionTtlMs: number;
}

// KEYS[1] the event's de-duplication key, then per channel its position hash and its stream.
// ARGV: event JSON, epoch candidate, max length, max age ms, position TTL ms, channel names...
// Returns "epoch offset" per channel, joined by newlines: the same for every call with one event
// id, so every pod gives a publication the same offset. A channel without a position (new, or
// its history lost) starts a new epoch; stream ids are "<offset>-1", so reads by offset are exact.
const APPEND = `
local existing = redis.call('GET', KEYS[1])
if existing then return existing end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local cutoff = now - tonumber(ARGV[4])
local lines = {}
local channels = (#KEYS - 1) / 2
for i = 1, channels do
  local position = KEYS[2 * i]
  local stream = KEYS[2 * i + 1]
  local epoch = redis.call('HGET', position, 'epoch')
  if not epoch then
    epoch = ARGV[2] .. i
    redis.call('DEL', stream)
    redis.call('HSET', position, 'epoch', epoch, 'top', 0)
  end
  local offset = redis.call('HINCRBY', position, 'top', 1)
  redis.call('XADD', stream, 'MAXLEN', ARGV[3], offset .. '-1', 't', now, 'd', ARGV[1])
  local head = redis.call('XRANGE', stream, '-', '+', 'COUNT', 1)[1]
  if head and tonumber(head[2][2]) < cutoff then
    local batch = redis.call('XRANGE', stream, '-', '+', 'COUNT', 256)
    local keep = nil
    for _, entry in ipairs(batch) do
      if tonumber(entry[2][2]) >= cutoff then keep = entry[1] break end
    end
    if not keep then keep = (tonumber(string.match(batch[#batch][1], '^(%d+)')) + 1) .. '-0' end
    redis.call('XTRIM', stream, 'MINID', keep)
  end
  redis.call('PEXPIRE', stream, ARGV[4])
  redis.call('PEXPIRE', position, ARGV[5])
  lines[i] = epoch .. ' ' .. offset
end
local result = table.concat(lines, '\\n')
redis.call('SET', KEYS[1], result, 'PX', ARGV[4])
return result
`;

// KEYS[1] a channel's position hash; ARGV epoch candidate, position TTL ms. Returns {epoch, top}.
const POSITION = `
if redis.call('HSETNX', KEYS[1], 'epoch', ARGV[1]) == 1 then
  redis.call('HSET', KEYS[1], 'top', 0)
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return redis.call('HMGET', KEYS[1], 'epoch', 'top')
`;

type AppendCommand = (...args: (string | number)[]) => Promise<string>;
type PositionCommand = (key: string, epoch: string, ttlMs: number) => Promise<[string, string]>;

/**
 * Channel history in Redis Streams, keys hash-tagged by account (`rt:{<account>}:…`) so an
 * account's channels share a Redis Cluster slot and the append script may touch them together.
 */
export class RedisChannelHistory implements ChannelHistory, BatchOwners {
  private readonly appendCommand: AppendCommand;
  private readonly positionCommand: PositionCommand;

  constructor(
    private readonly redis: Redis,
    private readonly limits: HistoryLimits,
  ) {
    this.appendCommand = redisScript(redis, "realtimeAppend", { lua: APPEND });
    this.positionCommand = redisScript(redis, "realtimePosition", {
      lua: POSITION,
      numberOfKeys: 1,
    });
  }

  async appendMany(appends: readonly HistoryAppend[]): Promise<ChannelPosition[][]> {
    // Issued together, not one after another's answer: ioredis writes them in this order on one
    // connection (in one write, with auto-pipelining) and Redis runs them in that order, so the
    // lot costs one round trip and each channel's offsets follow the events' order. Separate
    // commands rather than one MULTI keep it valid on Redis Cluster, where accounts differ in slot.
    // One epoch candidate serves the lot: it is used only by a channel that has no position,
    // which can start only once per call, and the script adds the channel's index to it.
    const epoch = newEpoch();
    const answers = await Promise.all(
      appends.map(({ accountId, eventId, channels, event }) => {
        const keys = [`rt:{${accountId}}:event:${eventId}`];
        for (const channel of channels) {
          keys.push(positionKey(accountId, channel), streamKey(accountId, channel));
        }
        return this.appendCommand(
          keys.length,
          ...keys,
          event,
          epoch,
          this.limits.maxLength,
          this.limits.maxAgeMs,
          this.limits.positionTtlMs,
        );
      }),
    );
    return answers.map((answer) =>
      answer.split("\n").map((line) => {
        const [epoch = "", offset = "0"] = line.split(" ");
        return { epoch, offset: Number(offset) };
      }),
    );
  }

  async position(accountId: string, channel: string): Promise<ChannelPosition> {
    const [epoch, top] = await this.positionCommand(
      positionKey(accountId, channel),
      newEpoch(),
      this.limits.positionTtlMs,
    );
    return { epoch, offset: Number(top) };
  }

  async since(accountId: string, channel: string, since: ChannelPosition): Promise<Recovery> {
    const position = await this.position(accountId, channel);
    if (since.epoch !== position.epoch || since.offset > position.offset) {
      return { recovered: false, position };
    }
    if (since.offset === position.offset) return { recovered: true, position, publications: [] };
    const entries = (await this.redis.xrange(
      streamKey(accountId, channel),
      `${since.offset + 1}-0`,
      `${position.offset}-1`,
    )) as [string, string[]][];
    const publications: Publication[] = [];
    let expected = since.offset + 1;
    for (const [id, fields] of entries) {
      const offset = Number(id.slice(0, id.indexOf("-")));
      // A gap (trimmed by length or age) means history no longer holds what the client missed.
      if (offset !== expected) return { recovered: false, position };
      expected += 1;
      publications.push(publicationOf(channel, offset, position.epoch, fields[3] ?? "null"));
    }
    if (expected !== position.offset + 1) return { recovered: false, position };
    return { recovered: true, position, publications };
  }

  async remember(batchId: string, accountId: string): Promise<void> {
    await this.redis.set(batchOwnerKey(batchId), accountId, "PX", this.limits.positionTtlMs, "NX");
  }

  async ownerOf(batchId: string): Promise<string | undefined> {
    return (await this.redis.get(batchOwnerKey(batchId))) ?? undefined;
  }
}

function positionKey(accountId: string, channel: string): string {
  return `rt:{${accountId}}:position:${channel}`;
}

function streamKey(accountId: string, channel: string): string {
  return `rt:{${accountId}}:stream:${channel}`;
}

function batchOwnerKey(batchId: string): string {
  return `rt:batch-owner:{${batchId}}`;
}

function newEpoch(): string {
  return randomBytes(6).toString("base64url");
}
