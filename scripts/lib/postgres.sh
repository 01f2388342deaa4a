# shellcheck shell=bash
# PostgreSQL 15 (Debian package) on 127.0.0.1:$PG_PORT, data in .data/postgres.
# initdb and the server refuse to run as root, so both run as the `postgres` OS user.

PG_BIN="${ORRERY_PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_DATA="$DATA_DIR/postgres"
PG_LOG="$LOG_DIR/postgres.log"
PG_DATABASES=(apikey ratelimit webhook batch analytics)

# Unix sockets have a ~107 byte path limit: a deep checkout falls back to a dir under /tmp.
pg_socket_dir() {
  local dir="$RUN_DIR/postgres"
  if ((${#dir} > 80)); then
    dir="/tmp/orrery-pg-$(printf '%s' "$ROOT" | md5sum | cut -c1-8)"
  fi
  printf '%s' "$dir"
}

as_postgres() { runuser -u postgres -- "$@" 9>&-; }

# The postgres user must be able to reach .data/postgres: add o+x on any ancestor lacking it
# (e.g. a checkout under a 0700 mktemp dir).
pg_ensure_traversable() {
  local dir="$DATA_DIR"
  while [[ "$dir" != / ]]; do
    if ! as_postgres test -x "$dir"; then
      note "postgres: granting o+x on $dir so the postgres user can reach $PG_DATA"
      chmod o+x "$dir"
    fi
    dir="$(dirname "$dir")"
  done
}

pg_prepare_dirs() {
  local sock
  sock="$(pg_socket_dir)"
  [[ "$(id -u)" == 0 ]] || die "postgres: must run as root (initdb and pg_ctl run as the postgres user through runuser)"
  id postgres >/dev/null 2>&1 || die "postgres: no 'postgres' OS user (is postgresql-15 installed?)"
  mkdir -p "$PG_DATA" "$sock"
  chown postgres:postgres "$PG_DATA" "$sock"
  chmod 700 "$PG_DATA"
  chmod 755 "$sock"
  touch "$PG_LOG"
  chown postgres:postgres "$PG_LOG"
  pg_ensure_traversable
}

pg_write_hba() {
  cat >"$PG_DATA/pg_hba.conf" <<'EOF'
# Written by scripts/stack. Local stack only: TCP on 127.0.0.1 with passwords,
# the unix socket is trusted for the postgres superuser (used by scripts/stack itself).
# TYPE  DATABASE  USER      ADDRESS        METHOD
local   all       postgres                 trust
local   all       all                      scram-sha-256
host    all       all       127.0.0.1/32   scram-sha-256
EOF
  chown postgres:postgres "$PG_DATA/pg_hba.conf"
}

pg_initdb() {
  [[ -f "$PG_DATA/PG_VERSION" ]] && return 0
  log "postgres: initdb into ${PG_DATA#"$ROOT"/} (first run)"
  as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >>"$PG_LOG" 2>&1 ||
    fail postgres "initdb failed"
  printf "\ninclude_if_exists = 'orrery.conf'\n" >>"$PG_DATA/postgresql.conf"
  pg_write_hba
}

# Rewritten on every start, so port and socket overrides apply. fsync is off: this is a
# throwaway dev/test database where speed matters more than surviving a power cut. Commits are
# synchronous all the same: a commit must survive a crash of the server itself (the resilience
# tests kill it), and without fsync that costs a write, not a flush.
pg_write_conf() {
  cat >"$PG_DATA/orrery.conf" <<EOF
# Written by scripts/stack on every start; edit scripts/lib/postgres.sh instead.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$(pg_socket_dir)'
max_connections = 200
shared_buffers = 128MB
fsync = off
synchronous_commit = on
full_page_writes = off
timezone = 'UTC'
log_timezone = 'UTC'
log_line_prefix = '%m [%p] %q%u@%d '
EOF
  chown postgres:postgres "$PG_DATA/orrery.conf"
}

pg_pid() {
  local pid
  [[ -f "$PG_DATA/postmaster.pid" ]] || return 1
  pid="$(head -n1 "$PG_DATA/postmaster.pid" | tr -dc '0-9')"
  pid_alive "$pid" && pid_cmd_matches "$pid" postgres && printf '%s' "$pid"
}

pg_psql() {
  as_postgres "$PG_BIN/psql" -h "$(pg_socket_dir)" -p "$PG_PORT" -U postgres -d postgres \
    -v ON_ERROR_STOP=1 -qAt "$@"
}

# Roles orrery_<db> (LOGIN, password = name) owning databases orrery_<db>, plus orrery_admin.
pg_roles_sql() {
  local db role
  printf '%s\n' "SET client_min_messages = warning;"
  for role in "${PG_DATABASES[@]/#/orrery_}" orrery_admin; do
    printf "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%s') THEN CREATE ROLE %s; END IF; END \$\$;\n" "$role" "$role"
    printf "ALTER ROLE %s WITH LOGIN NOSUPERUSER NOCREATEROLE PASSWORD '%s';\n" "$role" "$role"
  done
  printf '%s\n' "ALTER ROLE orrery_admin WITH CREATEDB;"
  for db in "${PG_DATABASES[@]}"; do
    printf "SELECT 'CREATE DATABASE orrery_%s OWNER orrery_%s' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'orrery_%s')\n\\gexec\n" "$db" "$db" "$db"
  done
}

pg_setup_roles() {
  pg_roles_sql | pg_psql -f - >>"$PG_LOG" 2>&1 ||
    fail postgres "creating roles/databases failed"
  ok "postgres: roles + databases ready (orrery_{$(IFS=,; printf '%s' "${PG_DATABASES[*]}")}, orrery_admin)"
}

pg_start() {
  local pid
  if pid="$(pg_pid)"; then
    ok "postgres: already running (pid $pid, port $PG_PORT)"
    return 0
  fi
  require_port_free postgres "$PG_PORT"
  pg_prepare_dirs
  pg_initdb
  pg_write_conf
  log "postgres: starting on 127.0.0.1:$PG_PORT"
  printf '\n===== postgres: starting at %s =====\n' "$(date -Is)" >>"$PG_LOG"
  as_postgres "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -w -t 60 -s >/dev/null 2>&1 ||
    fail postgres "did not start within 60 s (pg_ctl start failed)"
  pid="$(pg_pid)" || fail postgres "pg_ctl reported success but no postmaster is running"
  printf '%s\n' "$pid" >"$(pid_file postgres)"
  ok "postgres: running (pid $pid, port $PG_PORT)"
}

pg_up() {
  pg_start
  pg_setup_roles
}

pg_down() {
  local pid
  if ! pid="$(pg_pid)"; then
    ok "postgres: not running"
    rm -f "$(pid_file postgres)"
    return 0
  fi
  log "postgres: stopping (pid $pid, fast shutdown)"
  if ! as_postgres "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w -t 30 -s >/dev/null 2>&1; then
    note "postgres: fast shutdown took over 30 s; immediate shutdown"
    as_postgres "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m immediate -w -t 10 -s >/dev/null 2>&1 ||
      kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$(pid_file postgres)"
  ok "postgres: stopped"
}

# pg_kill: the server crashes (SIGKILL to the postmaster and every backend, as an OOM kill of
# its pod would); `pg_up` then starts it again through crash recovery.
pg_kill() {
  local pid
  local -a children
  if ! pid="$(pg_pid)"; then
    ok "postgres: not running"
    return 0
  fi
  mapfile -t children < <(ps -o pid= --ppid "$pid" | tr -d ' ')
  kill_pid postgres "$pid" "${children[@]}"
}

pg_status_row() {
  local pid
  if pid="$(pg_pid)"; then
    status_row postgres running "$pid" "$PG_PORT"
  else
    status_row postgres stopped - "$PG_PORT"
  fi
}
