# shellcheck shell=bash
# Shared helpers for scripts/stack, scripts/test and .ci/run: paths, messages, pid files,
# port checks, env files, the stack lock. Sourced, never run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA_DIR="$ROOT/.data"
RUN_DIR="$DATA_DIR/run"
LOG_DIR="$DATA_DIR/logs"
CACHE_DIR="$ROOT/.cache"
ENV_DIR="$ROOT/scripts/env"
export ROOT DATA_DIR RUN_DIR LOG_DIR CACHE_DIR ENV_DIR

# shellcheck source=scripts/lib/ports.sh
source "$ROOT/scripts/lib/ports.sh"

# ---------------------------------------------------------------------------------------------
# Messages

if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then
  C_BOLD=$'\e[1m' C_RED=$'\e[31m' C_GREEN=$'\e[32m' C_YELLOW=$'\e[33m' C_OFF=$'\e[0m'
else
  C_BOLD='' C_RED='' C_GREEN='' C_YELLOW='' C_OFF=''
fi

log() { printf '%s==>%s %s\n' "$C_BOLD" "$C_OFF" "$*"; }
ok() { printf '%s ok%s %s\n' "$C_GREEN" "$C_OFF" "$*"; }
note() { printf '%s note%s %s\n' "$C_YELLOW" "$C_OFF" "$*"; }
err() { printf '%sERROR%s %s\n' "$C_RED" "$C_OFF" "$*" >&2; }
die() {
  err "$*"
  exit 1
}

# log_tail COMPONENT [LINES]: the end of a component's log since its last start marker
# (written by spawn), indented, on stderr.
log_tail() {
  local file="$LOG_DIR/$1.log" lines="${2:-30}"
  if [[ -s "$file" ]]; then
    printf -- '----- last lines of %s (this run, at most %s) -----\n' "${file#"$ROOT"/}" "$lines" >&2
    awk '/^===== .*: starting at / { n = 0 } { buf[n++] = $0 } END { for (i = 0; i < n; i++) print buf[i] }' "$file" |
      tail -n "$lines" | sed 's/^/  | /' >&2
    printf -- '----- end of %s -----\n' "${file#"$ROOT"/}" >&2
  else
    printf '(no log at %s)\n' "${file#"$ROOT"/}" >&2
  fi
}

# fail COMPONENT MESSAGE: report which component failed and why, show its log, exit 1.
fail() {
  local component="$1"
  shift
  err "$component: $*"
  log_tail "$component" 30
  exit 1
}

# ---------------------------------------------------------------------------------------------
# Directories, lock

ensure_dirs() {
  mkdir -p "$RUN_DIR" "$LOG_DIR" "$CACHE_DIR"
  chmod 755 "$DATA_DIR" "$RUN_DIR" "$LOG_DIR"
}

# One stack command at a time (fd 9). Every process we spawn must close fd 9 (`9>&-`), or the
# long-lived daemons would keep the lock after this script exits.
take_stack_lock() {
  ensure_dirs
  exec 9>"$RUN_DIR/stack.lock"
  if ! flock -n 9; then
    log "another scripts/stack command is running; waiting for it (up to 10 min)"
    flock -w 600 9 || die "stack: could not get $RUN_DIR/stack.lock after 10 min"
  fi
}

# ---------------------------------------------------------------------------------------------
# Pid files and processes

pid_file() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }

# read_pid COMPONENT: prints the recorded pid (empty when none).
read_pid() {
  local file
  file="$(pid_file "$1")"
  [[ -s "$file" ]] && head -n1 "$file" | tr -dc '0-9'
  return 0
}

# pid_alive PID: the process exists and is not a zombie (a child of ours that died unwaited).
pid_alive() {
  local state
  [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null || return 1
  state="$(sed -n 's/^.*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null)"
  [[ "$state" != Z ]]
}

# pid_cmd_matches PID PATTERN: the process command line contains PATTERN (guards pid reuse).
pid_cmd_matches() {
  local cmdline
  cmdline="$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null)" || return 1
  [[ "$cmdline" == *"$2"* ]]
}

# running_pid COMPONENT PATTERN: prints the pid if the recorded process is alive and is ours.
running_pid() {
  local pid
  pid="$(read_pid "$1")"
  if pid_alive "$pid" && pid_cmd_matches "$pid" "$2"; then
    printf '%s' "$pid"
    return 0
  fi
  return 1
}

# stop_pid COMPONENT PID [TIMEOUT]: SIGTERM, wait, then SIGKILL.
stop_pid() {
  local component="$1" pid="$2" timeout="${3:-20}" waited=0
  log "$component: stopping (pid $pid, SIGTERM)"
  kill -TERM "$pid" 2>/dev/null || true
  while pid_alive "$pid"; do
    if ((waited >= timeout * 10)); then
      note "$component: still running after ${timeout}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  rm -f "$(pid_file "$component")"
  ok "$component: stopped"
}

# kill_pid COMPONENT PID [CHILDREN...]: SIGKILL (a crash, not a shutdown), then wait for exit.
kill_pid() {
  local component="$1" pid="$2" waited=0
  shift 2
  log "$component: killing (pid $pid${*:+ and $#} children, SIGKILL)"
  kill -KILL "$pid" "$@" 2>/dev/null || true
  while pid_alive "$pid"; do
    ((waited < 100)) || die "$component: pid $pid still alive 10 s after SIGKILL"
    sleep 0.1
    waited=$((waited + 1))
  done
  rm -f "$(pid_file "$component")"
  ok "$component: killed"
}

# spawn COMPONENT CMD...: start CMD detached (own session, survives this script), stdout and
# stderr appended to .data/logs/COMPONENT.log, pid recorded in .data/run/COMPONENT.pid.
spawn() {
  local component="$1" logfile="$LOG_DIR/$1.log"
  shift
  printf '\n===== %s: starting at %s =====\n' "$component" "$(date -Is)" >>"$logfile"
  setsid nohup "$@" >>"$logfile" 2>&1 </dev/null 9>&- &
  printf '%s\n' "$!" >"$(pid_file "$component")"
}

# ---------------------------------------------------------------------------------------------
# Ports

# port_holder PORT: prints "pid name" of the process listening on PORT (any address), if any.
port_holder() {
  local line pid name
  line="$(ss -Hltnp "sport = :$1" 2>/dev/null)"
  line="${line%%$'\n'*}"
  [[ -n "$line" ]] || return 1
  pid="$(grep -o 'pid=[0-9]*' <<<"$line" | head -n1 | cut -d= -f2)"
  name="$(grep -o '(("[^"]*"' <<<"$line" | head -n1 | cut -d'"' -f2)"
  printf '%s %s' "${pid:-?}" "${name:-unknown}"
}

port_in_use() { [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]; }

# require_port_free COMPONENT PORT: fail with the holder's pid and name when PORT is taken.
require_port_free() {
  local holder
  port_in_use "$2" || return 0
  holder="$(port_holder "$2" || true)"
  err "$1: port $2 is taken by pid ${holder%% *} (${holder#* })"
  ss -ltnp "sport = :$2" >&2 || true
  die "$1: free port $2 or choose another one (see scripts/lib/ports.sh for ORRERY_*_PORT)"
}

# wait_until TIMEOUT_SECONDS CMD...: poll CMD every 0.25 s until it succeeds.
wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.25
  done
}

# ---------------------------------------------------------------------------------------------
# Env files: plain KEY=value lines, blank lines and # comments ignored. Values get the
# ORRERY_*_PORT overrides applied (see rewrite_ports).

# env_lines FILE...: prints the KEY=value lines of the files, ports rewritten, in order.
env_lines() {
  local file line
  for file in "$@"; do
    [[ -f "$file" ]] || die "env: missing $file"
    while IFS= read -r line || [[ -n "$line" ]]; do
      [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
      [[ "$line" =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || die "env: bad line in $file: $line"
      rewrite_ports "$line"
    done <"$file"
  done
}

# export_env_files FILE...: export the files' variables into this shell.
export_env_files() {
  local line
  while IFS= read -r line; do
    export "${line?}"
  done < <(env_lines "$@")
}

# check_env_files: every env file exists (they are read in subshells, where a die is lost).
check_env_files() {
  local name
  for name in common infra "${SERVICES[@]}"; do
    [[ -f "$ENV_DIR/$name.env" ]] || die "env: missing ${ENV_DIR#"$ROOT"/}/$name.env"
  done
}

# base_env: the few variables children keep from the caller; everything else comes from the
# env files (`env -i`), so a service behaves the same whether started by a developer, by
# scripts/test or from inside a vitest run.
base_env() {
  local var
  for var in PATH HOME LANG TZ CI NODE_OPTIONS; do
    [[ -n "${!var:-}" ]] && printf '%s=%s\n' "$var" "${!var}"
  done
  return 0
}

# service_env SERVICE: the full environment of a service (base + common.env + SERVICE.env),
# to be used as `env -i "${lines[@]}" cmd`.
service_env() {
  base_env
  env_lines "$ENV_DIR/common.env" "$ENV_DIR/$1.env"
}

# infra_env: the environment of infrastructure scripts (base + common.env + infra.env).
infra_env() {
  base_env
  env_lines "$ENV_DIR/common.env" "$ENV_DIR/infra.env"
}

# elapsed_since START_SECONDS: "12s" or "2m05s".
elapsed_since() {
  local s=$((SECONDS - $1))
  if ((s >= 60)); then printf '%dm%02ds' $((s / 60)) $((s % 60)); else printf '%ds' "$s"; fi
}
