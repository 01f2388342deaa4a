#!/usr/bin/env bash
# services/analytics/bench/ingest-cpu.sh [seconds] [connections] — what counting usage costs:
# the CPU time of the stack's analytics process and of its Postgres backends while wrk sends
# cached POST /v1/charts through the gateway with a real key, per 1,000 requests and scaled to
# 2,000 requests/s. Needs the running stack (scripts/stack up) and wrk.
set -euo pipefail

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../../scripts/lib/common.sh"
# shellcheck source=scripts/lib/ports.sh
source "$ROOT/scripts/lib/ports.sh"
cd "$ROOT"

SECONDS_TO_RUN="${1:-20}"
CONNECTIONS="${2:-8}"
GATEWAY="http://127.0.0.1:$(http_port gateway)"
ADMIN_KEY="$(<"$DATA_DIR/admin-key")"
export PGHOST=127.0.0.1 PGPORT="$PG_PORT" PGUSER=orrery_admin PGPASSWORD=orrery_admin
ANALYTICS_DATABASE_URL="$("$ROOT/scripts/stack" env analytics | sed -n 's/^DATABASE_URL=//p')"

api() {
  curl -sS --fail-with-body -X POST "$GATEWAY$1" -H "authorization: Bearer $ADMIN_KEY" \
    -H 'content-type: application/json' --data "$2"
}
account="$(api /v1/accounts '{"name":"ingest-cpu bench","plan":"premium","overrides":{"burstPerSecond":100000,"requestsPerMinute":6000000,"monthlyQuota":1000000000}}' | jq -r .id)"
key="$(api /v1/keys "{\"name\":\"ingest-cpu bench\",\"accountId\":\"$account\",\"environment\":\"live\",\"scopes\":[\"charts:read\"]}" | jq -r .key)"

counted() {
  psql "$ANALYTICS_DATABASE_URL" -tAc \
    "SELECT coalesce(sum(requests), 0) FROM usage_rollup_day WHERE account_id = '$account'"
}
# Postgres backends serving analytics
backends() {
  psql -d postgres -tAc \
    "SELECT pid FROM pg_stat_activity WHERE datname = 'orrery_analytics' AND application_name LIKE 'analytics%'"
}
# ticks PID...: user + system clock ticks so far
ticks() {
  local total=0 pid
  for pid in "$@"; do
    [[ -r "/proc/$pid/stat" ]] || continue
    total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
  done
  echo "$total"
}

lua="$(mktemp --suffix .lua)"
trap 'rm -f "$lua"' EXIT
cat >"$lua" <<LUA
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $key"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"datetime":"1990-06-15T12:30:00","timezone":"Europe/London","latitude":51.5074,"longitude":-0.1278}'
LUA
curl -sS -o /dev/null -X POST "$GATEWAY/v1/charts" -H "authorization: Bearer $key" \
  -H 'content-type: application/json' --data '{"datetime":"1990-06-15T12:30:00","timezone":"Europe/London","latitude":51.5074,"longitude":-0.1278}'
sleep 2
analytics_pid="$(<"$RUN_DIR/analytics.pid")"
mapfile -t watched < <(backends)
before_analytics="$(ticks "$analytics_pid")"
before_postgres="$(ticks "${watched[@]}")"
before="$(counted)"
started="$(date +%s.%N)"
wrk_out="$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_TO_RUN}s" -s "$lua" "$GATEWAY/v1/charts")"
# Until the count settles: what wrk sent is counted.
previous=-1
for _ in $(seq 1 60); do
  now="$(counted)"
  [[ "$now" == "$previous" ]] && break
  previous="$now"
  sleep 1
done
finished="$(date +%s.%N)"
mapfile -t watched_after < <(backends)
mapfile -t watched_all < <(printf '%s\n' "${watched[@]}" "${watched_after[@]}" | sort -u)
analytics_ticks=$(($(ticks "$analytics_pid") - before_analytics))
# A backend that started during the run counts from zero.
postgres_ticks=$(($(ticks "${watched_all[@]}") - before_postgres))
events=$((now - before))
rate="$(awk '/Requests\/sec/ { print $2 }' <<<"$wrk_out")"
hz="$(getconf CLK_TCK)"
awk -v ticks="$((analytics_ticks + postgres_ticks))" -v node_ticks="$analytics_ticks" -v hz="$hz" -v events="$events" -v rate="$rate" \
  -v wall="$(awk -v a="$started" -v b="$finished" 'BEGIN { print b - a }')" -v load="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
  cpu = ticks / hz
  printf "| measurement | value |\n| --- | --- |\n"
  printf "| requests/s through the gateway (wrk) | %.0f |\n", rate
  printf "| usage events counted | %d |\n", events
  printf "| analytics + its Postgres backends, CPU | %.2f s (analytics %.2f s) over %.1f s |\n", cpu, node_ticks / hz, wall
  printf "| CPU per 1,000 events | %.1f ms |\n", cpu * 1000000 / events
  printf "| at 2,000 events/s | %.1f %% of one core |\n", cpu / events * 2000 * 100
  printf "| load average at the end | %s |\n", load
}'
