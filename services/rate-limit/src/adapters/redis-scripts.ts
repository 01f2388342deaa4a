import { QUOTA_GRACE_SECONDS } from "./redis-keys.js";

/*
 * The billing cycle from Redis' clock: civil-date arithmetic (Howard Hinnant's algorithms) in
 * UTC. A cycle runs from 00:00 UTC on the anchor day (1-28) to the same day next month.
 */
const BILLING_CYCLE_LUA = `
local floor, max, ceil, format = math.floor, math.max, math.ceil, string.format
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
 * ARGV: mode ("charge" | "peek"), anchor day, then per limit: key index, kind ("rate" |
 *   "quota"), field (rates), limit, window seconds (rates), cost.
 * Rates are GCRA in integer microseconds: the emission interval is T = window / limit and the
 *   bucket holds `limit` units (tolerance limit * T); the field holds the theoretical arrival
 *   time (TAT). Quotas are the fields c (cycle start), e (cycle end), u (used); a counter from
 *   an older cycle counts as empty.
 * Every limit is tested first; only if all have room (and in charge mode) is each charged. Each
 *   hash is read once (HMGET) and written once (HSET), so a decision is TIME + 2 commands per
 *   scope, plus an expiry when a cycle starts.
 * Returns {allowed, cycle start, cycle end, then per limit: exceeded, remaining, reset ms,
 *   retry-after ms, used}, where remaining/reset/used describe the state after the request when
 *   it was charged and the unchanged state when it was not (refused, or peek).
 */
export const DECIDE_LUA = `${BILLING_CYCLE_LUA}
local mode = ARGV[1]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local cycle_start, cycle_end = billing_cycle(tonumber(time[1]), tonumber(ARGV[2]))
local count = (#ARGV - 2) / 6

-- The limits, and the fields each hash must be read for ('c' always: does it hold a cycle?).
local key_of, kind_of, field_of, limit_of, window_of, cost_of = {}, {}, {}, {}, {}, {}
local fields, seen = {}, {}
for k = 1, #KEYS do fields[k] = {'c'}; seen[k] = {c = true} end
for i = 1, count do
  local base = 2 + (i - 1) * 6
  local k = tonumber(ARGV[base + 1])
  local kind = ARGV[base + 2]
  local field = kind == 'rate' and ARGV[base + 3] or 'u'
  key_of[i], kind_of[i], field_of[i] = k, kind, field
  limit_of[i] = tonumber(ARGV[base + 4])
  window_of[i] = tonumber(ARGV[base + 5]) * 1000000
  cost_of[i] = tonumber(ARGV[base + 6])
  if not seen[k][field] then
    seen[k][field] = true
    fields[k][#fields[k] + 1] = field
  end
end
local state = {}
for k = 1, #KEYS do
  local values = redis.call('HMGET', KEYS[k], unpack(fields[k]))
  local current = {}
  for index = 1, #fields[k] do current[fields[k][index]] = values[index] end
  state[k] = current
end

-- Test every limit. Per limit: exceeded, retry, and remaining/reset/used before and after.
local allowed = 1
local exceeded, retry, before_r, before_t, before_u, after_r, after_t, after_u =
  {}, {}, {}, {}, {}, {}, {}, {}
local writes, wrote = {}, {}
for k = 1, #KEYS do writes[k] = {}; wrote[k] = false end
for i = 1, count do
  local k, limit, window, cost = key_of[i], limit_of[i], window_of[i], cost_of[i]
  exceeded[i], retry[i] = 0, 0
  if kind_of[i] == 'rate' then
    if limit <= 0 then
      exceeded[i], retry[i] = 1, window
      before_r[i], before_t[i], before_u[i] = 0, window, 0
    else
      local interval = max(floor(window / limit), 1)
      local capacity = interval * limit
      local tat = tonumber(state[k][field_of[i]] or '0')
      if tat < now then tat = now end
      local new_tat = tat + cost * interval
      before_r[i], before_t[i], before_u[i] =
        max(floor((capacity - (tat - now)) / interval), 0), tat - now, 0
      if new_tat - capacity > now then
        exceeded[i], retry[i] = 1, new_tat - capacity - now
      else
        after_r[i], after_t[i], after_u[i] =
          max(floor((capacity - (new_tat - now)) / interval), 0), new_tat - now, 0
        if cost > 0 then writes[k][field_of[i]] = new_tat; wrote[k] = true end
      end
    end
  else
    local used = 0
    local c = state[k].c
    if c and tonumber(c) == cycle_start then used = tonumber(state[k].u or '0') end
    local reset = (cycle_end * 1000000) - now
    before_r[i], before_t[i], before_u[i] = max(limit - used, 0), reset, used
    if used + cost > limit then
      exceeded[i], retry[i] = 1, reset
    else
      after_r[i], after_t[i], after_u[i] = limit - used - cost, reset, used + cost
      if cost > 0 then writes[k].u = used + cost; wrote[k] = true end
    end
  end
  if exceeded[i] == 1 then allowed = 0 end
end

local charged = allowed == 1 and mode == 'charge'
if charged then
  for k = 1, #KEYS do
    if wrote[k] then
      local args, latest = {}, 0
      for name, value in pairs(writes[k]) do
        args[#args + 1] = name
        if name == 'u' then
          args[#args + 1] = value
        else
          -- Microsecond times exceed %.14g, Lua's number format: write them in full.
          args[#args + 1] = format('%.0f', value)
          if value > latest then latest = value end
        end
      end
      local c = state[k].c
      local new_cycle = writes[k].u and not (c and tonumber(c) == cycle_start)
      if new_cycle then
        args[#args + 1] = 'c'; args[#args + 1] = cycle_start
        args[#args + 1] = 'e'; args[#args + 1] = cycle_end
      end
      redis.call('HSET', KEYS[k], unpack(args))
      if new_cycle then
        redis.call('EXPIREAT', KEYS[k], cycle_end + ${QUOTA_GRACE_SECONDS})
      elseif not c then
        -- Rates only: the hash may go once every bucket is full again.
        redis.call('PEXPIRE', KEYS[k], ceil((latest - now) / 1000) + 1)
      end
    end
  end
end

-- What a client sees: the state after this request when it was charged, before it otherwise.
local shown_r, shown_t, shown_u = before_r, before_t, before_u
if charged then shown_r, shown_t, shown_u = after_r, after_t, after_u end
local reply = {allowed, cycle_start, cycle_end}
for i = 1, count do
  reply[#reply + 1] = exceeded[i]
  reply[#reply + 1] = shown_r[i]
  reply[#reply + 1] = ceil(shown_t[i] / 1000)
  reply[#reply + 1] = ceil(retry[i] / 1000)
  reply[#reply + 1] = shown_u[i]
end
return reply
`;

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
