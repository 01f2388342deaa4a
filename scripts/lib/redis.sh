# shellcheck shell=bash
# Redis (Debian redis-server) on 127.0.0.1:$REDIS_PORT with an append-only file in .data/redis.
# It never uses a system redis on 6379 that apt may have started.

REDIS_DIR="$DATA_DIR/redis"

redis_pid() { running_pid redis redis-server; }

redis_ping() { [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]; }

redis_start() {
  mkdir -p "$REDIS_DIR"
  printf '\n===== redis: starting at %s =====\n' "$(date -Is)" >>"$LOG_DIR/redis.log"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes \
    --daemonize yes --pidfile "$(pid_file redis)" --logfile "$LOG_DIR/redis.log" \
    --dir "$REDIS_DIR" --appendonly yes --appendfsync everysec 9>&- ||
    fail redis "redis-server exited with status $?"
}

redis_up() {
  local pid
  if pid="$(redis_pid)"; then
    ok "redis: already running (pid $pid, port $REDIS_PORT)"
    return 0
  fi
  require_port_free redis "$REDIS_PORT"
  log "redis: starting on 127.0.0.1:$REDIS_PORT"
  redis_start
  wait_until 20 redis_ping || fail redis "no PONG on 127.0.0.1:$REDIS_PORT within 20 s"
  ok "redis: running (pid $(redis_pid || echo '?'), port $REDIS_PORT)"
}

redis_down() {
  local pid
  if pid="$(redis_pid)"; then
    stop_pid redis "$pid" 20
  else
    rm -f "$(pid_file redis)"
    ok "redis: not running"
  fi
}

redis_status_row() {
  local pid
  if pid="$(redis_pid)"; then
    status_row redis running "$pid" "$REDIS_PORT"
  else
    status_row redis stopped - "$REDIS_PORT"
  fi
}
