import { QUOTA_GRACE_SECONDS } from "./keys.js";

/*
 * The billing cycle from Redis' clock: civil-date arithmetic (Howard Hinnant's algorithms) in
 * UTC. A cycle runs from 00:00 UTC on the anchor day (1-28) to the same day next month.
 */
const BILLING_CYCLE_LUA = `
local function days_from_civil(y, m, d)
  if m <= 2 then y = y - 1 end
  local era = floor(y / 400)
  local yoe = y - era * 400
  local mp = (m + 9) % 12
  local doy = floor((153 * mp + 2) / 5) + d - 1
  local doe = yoe * 365 + floor(yoe / 4) - floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
end

local function civil_from_days(z)
  z = z + 719468
  local era = floor(z / 146097)
  local doe = z - era * 146097
  local yoe = floor((doe - floor(doe / 1460) + floor(doe / 36524)
    - floor(doe / 146096)) / 365)
  local y = yoe + era * 400
  local doy = doe - (365 * yoe + floor(yoe / 4) - floor(yoe / 100))
  local mp = floor((5 * doy + 2) / 153)
  local d = doy - floor((153 * mp + 2) / 5) + 1
  local m = mp + 3
  if mp >= 10 then m = mp - 9 end
  if m <= 2 then y = y + 1 end
  return y, m, d
end

local function billing_cycle(now_s, anchor)
  local y, m, d = civil_from_days(floor(now_s / 86400))
  if d < anchor then
    m = m - 1
    if m == 0 then m = 12; y = y - 1 end
  end
  local ey, em = y, m + 1
  if em == 13 then em = 1; ey = ey + 1 end
  return days_from_civil(y, m, anchor) * 86400, days_from_civil(ey, em, anchor) * 86400
end
`;

/**
 * One decision over every limit of a request, atomically, on Redis' clock.
 *
 * KEYS: the scope hashes involved (the account's, and a key's when it has limits of its own),
 *   all hash-tagged with the account.
 * ARGV: mode ("charge" | "peek"), anchor day, the caller's guess of the current cycle (start,
 *   end: used when Redis' clock falls inside it, computed here otherwise), then per key the
 *   number of its limits; then the limits' hash fields, grouped by key in KEYS order; then per
 *   limit: limit, interval in microseconds (0 for a quota), cost.
 * Rates are GCRA in integer microseconds: the emission interval is T = window / limit and the
 *   bucket holds `limit` units (tolerance limit * T); the field holds the theoretical arrival
 *   time (TAT). A rate with limit 0 refuses everything; its interval is then the window.
 *   Quotas are the fields c (cycle start), e (cycle end), u (used); a counter from an older
 *   cycle counts as empty.
 * Every limit is tested first; only if all have room (and in charge mode) is each charged. Each
 *   hash is read once (HMGET) and written at most once (HSET): a decision is TIME + 2 commands
 *   per scope, plus an expiry when a cycle starts or a hash holds only rates.
 * Returns {allowed, cycle start, cycle end, then per limit: retry-after µs (> 0: exceeded),
 *   remaining, reset µs, used}, where remaining/reset/used describe the state after the request
 *   when it was charged and the unchanged state when it was not (refused, or peek).
 */
export const DECIDE_LUA = `
local floor, max, ceil, format = math.floor, math.max, math.ceil, string.format
local time = redis.call('TIME')
local now_s = tonumber(time[1])
local now = now_s * 1000000 + tonumber(time[2])
local cs, ce = tonumber(ARGV[3]), tonumber(ARGV[4])
if now_s < cs or now_s >= ce then
  -- Not the cycle the caller guessed (its clock or a boundary): work it out on Redis' clock.
${BILLING_CYCLE_LUA}
  cs, ce = billing_cycle(now_s, tonumber(ARGV[2]))
end
local nk = #KEYS
local n = 0
for k = 1, nk do n = n + tonumber(ARGV[4 + k]) end
local names = 4 + nk
local nums = names + n
local charge = ARGV[1] == 'charge'

-- Test every limit, noting the state before (reply) and after a charge (after), and per hash
-- what a charge writes; charge only if every limit has room.
local reply = {1, cs, ce}
local after, writes, fresh, rates_only, latest = {}, {}, {}, {}, {}
local i = 0
for k = 1, nk do
  local m = tonumber(ARGV[4 + k])
  local values = redis.call('HMGET', KEYS[k], 'c', unpack(ARGV, names + i + 1, names + i + m))
  local c = values[1]
  local current = c and tonumber(c) == cs
  local args, last, counted = {}, 0, false
  for j = 1, m do
    i = i + 1
    local at = nums + 3 * i
    local limit, interval, cost = tonumber(ARGV[at - 2]), tonumber(ARGV[at - 1]), tonumber(ARGV[at])
    local o = 4 * i
    if interval == 0 then
      local used = 0
      if current then used = tonumber(values[j + 1]) or 0 end
      local reset = ce * 1000000 - now
      local retry = 0
      -- A route that costs nothing is not refused by a used-up (or lowered) quota.
      if cost > 0 and used + cost > limit then retry = reset; reply[1] = 0
      elseif cost > 0 then
        -- As an integer string: restores add to it with HINCRBY.
        args[#args + 1] = 'u'; args[#args + 1] = format('%d', used + cost); counted = true
        after[o + 1], after[o + 3] = limit - used - cost, used + cost
      end
      reply[o], reply[o + 1], reply[o + 2], reply[o + 3] = retry, max(limit - used, 0), reset, used
    elseif limit <= 0 then
      reply[o], reply[o + 1], reply[o + 2], reply[o + 3] = interval, 0, interval, 0
      reply[1] = 0
    else
      local tat = tonumber(values[j + 1]) or 0
      if tat < now then tat = now end
      local capacity = interval * limit
      local new_tat = tat + cost * interval
      local retry = 0
      if new_tat - capacity > now then retry = new_tat - capacity - now; reply[1] = 0
      elseif cost > 0 then
        -- A number argument reaches Redis in a form tonumber reads back exactly.
        args[#args + 1] = ARGV[names + i]; args[#args + 1] = new_tat
        if new_tat > last then last = new_tat end
        after[o + 1], after[o + 2] = max(floor((capacity - (new_tat - now)) / interval), 0), new_tat - now
      end
      reply[o], reply[o + 1], reply[o + 2], reply[o + 3] = retry, max(floor((capacity - (tat - now)) / interval), 0), tat - now, 0
    end
  end
  writes[k], fresh[k], rates_only[k], latest[k] = args, counted and not current, not c, last
end

if reply[1] == 1 and charge then
  for k = 1, nk do
    local args = writes[k]
    if #args > 0 then
      if fresh[k] then
        args[#args + 1] = 'c'; args[#args + 1] = cs
        args[#args + 1] = 'e'; args[#args + 1] = ce
      end
      redis.call('HSET', KEYS[k], unpack(args))
      if fresh[k] then
        redis.call('EXPIREAT', KEYS[k], ce + ${QUOTA_GRACE_SECONDS})
      elseif rates_only[k] then
        redis.call('PEXPIRE', KEYS[k], ceil((latest[k] - now) / 1000) + 1)
      end
    end
  end
  for index, value in pairs(after) do reply[index] = value end
end
return reply
`;

/**
 * Gives charged quota units back (a request that is not billed after all), atomically.
 * KEYS: the hashes of the charged quota counters. ARGV: the cycle start the charge was counted
 * in, then per key the units to give back. A counter of another cycle (reset since) is left as
 * it is; none goes below 0. Returns each counter's units used afterwards.
 */
export const REFUND_LUA = `
local cs = tonumber(ARGV[1])
local reply = {}
for k = 1, #KEYS do
  local cost = tonumber(ARGV[k + 1])
  local values = redis.call('HMGET', KEYS[k], 'c', 'u')
  local used = tonumber(values[2]) or 0
  if tonumber(values[1]) == cs and cost > 0 then
    used = math.max(used - cost, 0)
    redis.call('HSET', KEYS[k], 'u', string.format('%d', used))
  end
  reply[k] = used
end
return reply
`;
