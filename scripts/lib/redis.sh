# shellcheck shell=bash
# Redis (Debian redis-server), two servers that start and stop together as the `redis`
# component. It never uses a system redis on 6379 that apt may have started.
#   redis         127.0.0.1:$REDIS_PORT, with an append-only file in .data/redis: caches,
#                 idempotency keys, realtime history.
#   redis-limits  127.0.0.1:$REDIS_LIMITS_PORT, no persistence: rate-limit state. GCRA times
#                 are worthless after a restart, and rate-limit copies the monthly counts to
#                 Postgres itself and restores them (the usage ledger), so a decision does not
#                 pay for an AOF write.

REDIS_INSTANCES=(redis redis-limits)

redis_port_of() {
  case "$1" in
    redis) printf '%s' "$REDIS_PORT" ;;
    redis-limits) printf '%s' "$REDIS_LIMITS_PORT" ;;
  esac
}

redis_pid() { running_pid "$1" redis-server; }

redis_ping() { [[ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" == PONG ]]; }

redis_start() {
  local name="$1" port dir
  local -a persistence
  port="$(redis_port_of "$name")"
  dir="$DATA_DIR/$name"
  if [[ "$name" == redis ]]; then
    persistence=(--appendonly yes --appendfsync everysec)
  else
    persistence=(--appendonly no --save "")
  fi
  mkdir -p "$dir"
  printf '\n===== %s: starting at %s =====\n' "$name" "$(date -Is)" >>"$LOG_DIR/$name.log"
  redis-server --bind 127.0.0.1 --port "$port" --protected-mode yes \
    --daemonize yes --pidfile "$(pid_file "$name")" --logfile "$LOG_DIR/$name.log" \
    --dir "$dir" "${persistence[@]}" 9>&- ||
    fail "$name" "redis-server exited with status $?"
}

redis_instance_up() {
  local name="$1" pid port
  port="$(redis_port_of "$name")"
  if pid="$(redis_pid "$name")"; then
    ok "$name: already running (pid $pid, port $port)"
    return 0
  fi
  require_port_free "$name" "$port"
  log "$name: starting on 127.0.0.1:$port"
  redis_start "$name"
  wait_until 20 redis_ping "$port" || fail "$name" "no PONG on 127.0.0.1:$port within 20 s"
  ok "$name: running (pid $(redis_pid "$name" || echo '?'), port $port)"
}

redis_instance_down() {
  local name="$1" pid
  if pid="$(redis_pid "$name")"; then
    stop_pid "$name" "$pid" 20
  else
    rm -f "$(pid_file "$name")"
    ok "$name: not running"
  fi
}

redis_up() {
  local name
  for name in "${REDIS_INSTANCES[@]}"; do redis_instance_up "$name"; done
}

redis_down() {
  local name
  for name in "${REDIS_INSTANCES[@]}"; do redis_instance_down "$name"; done
}

redis_kill() {
  local name pid
  for name in "${REDIS_INSTANCES[@]}"; do
    if pid="$(redis_pid "$name")"; then kill_pid "$name" "$pid"; else ok "$name: not running"; fi
  done
}

redis_status_row() {
  local name pid
  for name in "${REDIS_INSTANCES[@]}"; do
    if pid="$(redis_pid "$name")"; then
      status_row "$name" running "$pid" "$(redis_port_of "$name")"
    else
      status_row "$name" stopped - "$(redis_port_of "$name")"
    fi
  done
}
