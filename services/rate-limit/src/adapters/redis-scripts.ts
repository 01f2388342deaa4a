import { QUOTA_GRACE_SECONDS } from "@orrery/limits";

/**
 * Puts usage persisted in Postgres back into a counter after Redis lost its data, once per
 * generation (ARGV[1]) even when several replicas restore at the same time. Usage counted since
 * the restart is kept and added to.
 *
 * KEYS[1]: the quota hash. ARGV: generation, cycle start, cycle end, used.
 */
export const RESTORE_LUA = `
if redis.call('HGET', KEYS[1], 'g') == ARGV[1] then return 0 end
local cycle = redis.call('HGET', KEYS[1], 'c')
local start = tonumber(ARGV[2])
if cycle and tonumber(cycle) == start then
  redis.call('HINCRBY', KEYS[1], 'u', ARGV[4])
elseif (not cycle) or tonumber(cycle) < start then
  redis.call('HSET', KEYS[1], 'c', ARGV[2], 'e', ARGV[3], 'u', ARGV[4])
end
redis.call('HSET', KEYS[1], 'g', ARGV[1])
redis.call('EXPIREAT', KEYS[1], tonumber(ARGV[3]) + ${QUOTA_GRACE_SECONDS})
return 1
`;
