# shellcheck shell=bash
# The seven Node services: `node services/<svc>/dist/main.js`, detached, with the env of
# scripts/env/common.env + scripts/env/<svc>.env, ready when GET /readyz answers 200.

READY_TIMEOUT="${ORRERY_READY_TIMEOUT:-60}"

svc_main() { printf 'services/%s/dist/main.js' "$1"; }

svc_pid() { running_pid "$1" "$(svc_main "$1")"; }

svc_ports() {
  local grpc
  grpc="$(grpc_port "$1")"
  printf '%s%s' "$(http_port "$1")" "${grpc:+/$grpc}"
}

readyz_url() { printf 'http://127.0.0.1:%s/readyz' "$(http_port "$1")"; }

svc_ready() { curl -fsS -o /dev/null -m 2 "$(readyz_url "$1")" 2>/dev/null; }

build_file() { printf '%s/%s.build' "$RUN_DIR" "$1"; }

# svc_build_stamp SERVICE: a digest of the JavaScript it runs (its dist and every library's).
svc_build_stamp() {
  (cd "$ROOT" && find "services/$1/dist" libs/*/dist -name '*.js' -type f -print0 2>/dev/null |
    sort -z | xargs -0 sha1sum | sha1sum | cut -c1-40)
}

# svc_start SERVICE: start it; returns 1 when it was already running or is not built yet. A
# running service whose build changed since it started is restarted: tests and developers get
# what was just built, never yesterday's process.
svc_start() {
  local svc="$1" pid port stamp
  local -a env
  stamp="$(svc_build_stamp "$svc")"
  if pid="$(svc_pid "$svc")"; then
    if [[ "$(cat "$(build_file "$svc")" 2>/dev/null)" == "$stamp" ]]; then
      ok "$svc: already running (pid $pid, port $(svc_ports "$svc"))"
      return 1
    fi
    log "$svc: its build changed since it started; restarting"
    stop_pid "$svc" "$pid" 15
  fi
  if [[ ! -f "$ROOT/$(svc_main "$svc")" ]]; then
    note "$svc: $(svc_main "$svc") does not exist yet; skipping"
    return 1
  fi
  for port in $(http_port "$svc") $(grpc_port "$svc"); do require_port_free "$svc" "$port"; done
  mapfile -t env < <(service_env "$svc")
  log "$svc: starting (port $(svc_ports "$svc"))"
  spawn "$svc" env -i "${env[@]}" node --enable-source-maps "$(svc_main "$svc")"
  printf '%s\n' "$stamp" >"$(build_file "$svc")"
}

# svc_why_not_ready SERVICE: the readyz status and body, for error messages.
svc_why_not_ready() {
  local body
  body="$(curl -sS -m 2 -w ' (HTTP %{http_code})' "$(readyz_url "$1")" 2>&1 | head -c 600)" || true
  printf 'GET %s -> %s' "$(readyz_url "$1")" "${body:-no answer}"
}

# svc_check SERVICE: 0 ready, 1 still starting; exits the script when it died.
svc_check() {
  local svc="$1" pid status
  pid="$(read_pid "$svc")"
  if ! pid_alive "$pid"; then
    wait "$pid" 2>/dev/null && status=0 || status=$?
    fail "$svc" "exited with status $status before becoming ready"
  fi
  svc_ready "$svc"
}

# svc_wait_ready SERVICE...: poll all of them until ready, READY_TIMEOUT seconds at most.
svc_wait_ready() {
  local deadline=$((SECONDS + READY_TIMEOUT)) svc
  local -a pending=("$@") left
  while ((${#pending[@]} > 0)); do
    left=()
    for svc in "${pending[@]}"; do
      if svc_check "$svc"; then ok "$svc: ready ($(readyz_url "$svc"))"; else left+=("$svc"); fi
    done
    pending=("${left[@]}")
    ((${#pending[@]} > 0)) || break
    if ((SECONDS >= deadline)); then svc_not_ready "${pending[@]}"; fi
    sleep 0.5
  done
}

svc_not_ready() {
  local svc
  for svc in "$@"; do
    err "$svc: not ready after ${READY_TIMEOUT} s: $(svc_why_not_ready "$svc")"
    log_tail "$svc" 30
  done
  exit 1
}

services_up() {
  local svc
  local -a started=()
  for svc in "$@"; do
    if svc_start "$svc"; then started+=("$svc"); fi
  done
  ((${#started[@]} > 0)) || return 0
  log "services: waiting for /readyz of ${started[*]} (up to ${READY_TIMEOUT} s)"
  svc_wait_ready "${started[@]}"
}

svc_down() {
  local pid
  rm -f "$(build_file "$1")"
  if pid="$(svc_pid "$1")"; then
    stop_pid "$1" "$pid" 15
  else
    rm -f "$(pid_file "$1")"
    ok "$1: not running"
  fi
}

svc_status_row() {
  local svc="$1" pid
  if pid="$(svc_pid "$svc")"; then
    if svc_ready "$svc"; then
      status_row "$svc" ready "$pid" "$(svc_ports "$svc")"
    else
      status_row "$svc" "running (not ready)" "$pid" "$(svc_ports "$svc")"
    fi
  elif [[ -f "$ROOT/$(svc_main "$svc")" ]]; then
    status_row "$svc" stopped - "$(svc_ports "$svc")"
  else
    status_row "$svc" "not built" - "$(svc_ports "$svc")"
  fi
}

# The first admin key, printed by api-key's idempotent bootstrap CLI.
svc_kill() {
  local pid
  if pid="$(svc_pid "$1")"; then kill_pid "$1" "$pid"; else ok "$1: not running"; fi
}

# admin_key: the first admin key (api-key's bootstrap-admin, idempotent) and where it is kept.
admin_key() {
  local cli="services/api-key/dist/cli/bootstrap-admin.js"
  local -a env
  [[ -f "$ROOT/$cli" ]] || die "admin-key: $cli is not built (scripts/stack up build)"
  mapfile -t env < <(service_env api-key)
  (cd "$ROOT" && env -i "${env[@]}" node "$cli" 9>&-)
}

admin_key_summary() {
  local cli="services/api-key/dist/cli/bootstrap-admin.js" out
  local -a env
  if [[ ! -f "$ROOT/$cli" ]]; then
    echo "  admin keys: not available yet ($cli not built)"
    return 0
  fi
  mapfile -t env < <(service_env api-key)
  out="$(cd "$ROOT" && env -i "${env[@]}" node "$cli" 2>&1 9>&-)" ||
    {
      err "api-key: bootstrap-admin failed:"
      printf '%s\n' "$out" | tail -n 30 | sed 's/^/  | /' >&2
      exit 1
    }
  printf '  admin key:\n%s\n' "$(printf '%s\n' "$out" | sed 's/^/    /')"
}
