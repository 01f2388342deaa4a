# shellcheck shell=bash
# The Node side of the stack: pnpm install, pnpm build, Kafka topics, database migrations.

PNPM_VERSION=10.34.9
ENSURE_TOPICS="libs/events/dist/bin/ensure-topics.js"

ensure_pnpm() {
  command -v pnpm >/dev/null 2>&1 && return 0
  log "pnpm: not found; installing pnpm@$PNPM_VERSION globally with npm"
  npm install -g --no-fund --no-audit "pnpm@$PNPM_VERSION" 9>&- || die "pnpm: npm install -g pnpm@$PNPM_VERSION failed"
}

# Checksum of the lockfile node_modules was last installed from (by pnpm_install).
LOCK_STAMP="$CACHE_DIR/pnpm-lock.sha256"

lock_sum() { sha256sum "$ROOT/pnpm-lock.yaml" | cut -c1-64; }

# Fresh when node_modules exists and was installed from the current lockfile: pnpm_install
# records the lockfile's checksum; without that record, node_modules must be newer than it.
node_modules_fresh() {
  [[ -f "$ROOT/node_modules/.modules.yaml" ]] || return 1
  if [[ -f "$LOCK_STAMP" ]]; then
    [[ "$(cat "$LOCK_STAMP")" == "$(lock_sum)" ]]
  else
    [[ ! "$ROOT/pnpm-lock.yaml" -nt "$ROOT/node_modules/.modules.yaml" ]]
  fi
}

# pnpm_install [ARGS...]: pnpm install (frozen lockfile by default when CI=true, pnpm's rule).
pnpm_install() {
  ensure_pnpm
  log "deps: pnpm install $*"
  (cd "$ROOT" && pnpm install "$@" </dev/null 9>&-) || die "deps: pnpm install failed (output above)"
  mkdir -p "$CACHE_DIR"
  lock_sum >"$LOCK_STAMP"
}

node_deps() {
  ensure_pnpm
  if node_modules_fresh; then
    ok "deps: node_modules up to date"
    return 0
  fi
  pnpm_install --prefer-offline
}

node_build() {
  local start=$SECONDS
  if [[ "${ORRERY_SKIP_BUILD:-}" == 1 ]]; then
    note "build: skipped (ORRERY_SKIP_BUILD=1)"
    return 0
  fi
  log "build: pnpm build"
  (cd "$ROOT" && pnpm build 9>&-) || die "build: pnpm build failed (TypeScript errors above)"
  ok "build: done in $(elapsed_since "$start")"
}

# Topics are created by the events library (idempotent, kafkajs admin).
node_topics() {
  local -a env
  if [[ ! -f "$ROOT/$ENSURE_TOPICS" ]]; then
    note "topics: $ENSURE_TOPICS not built yet; skipping topic creation"
    return 0
  fi
  mapfile -t env < <(infra_env)
  log "topics: node $ENSURE_TOPICS"
  printf '\n===== topics: starting at %s =====\n' "$(date -Is)" >>"$LOG_DIR/topics.log"
  (cd "$ROOT" && env -i "${env[@]}" timeout 120 node "$ENSURE_TOPICS" 9>&-) 2>&1 |
    tee -a "$LOG_DIR/topics.log" | sed 's/^/  | /' ||
    fail topics "ensure-topics failed (exit status ${PIPESTATUS[0]})"
  ok "topics: ensured"
}

# has_script DIR NAME: the package.json in DIR defines scripts.NAME.
has_script() {
  node -e 'const p=require(process.argv[1]);process.exit(p.scripts?.[process.argv[2]]?0:1)' \
    "$1/package.json" "$2" 2>/dev/null
}

# node_migrate SERVICE: its `migrate` script (dbmate) with the service's own environment.
node_migrate() {
  local svc="$1" dir="$ROOT/services/$1" logfile="$LOG_DIR/migrations.log"
  local -a env
  if [[ ! -f "$dir/package.json" ]] || ! has_script "$dir" migrate; then
    return 1
  fi
  mapfile -t env < <(service_env "$svc")
  printf '\n===== migrations: starting at %s (%s) =====\n' "$(date -Is)" "$svc" >>"$logfile"
  if ! (cd "$ROOT" && env -i "${env[@]}" pnpm --filter "./services/$svc" --if-present run migrate \
    >>"$logfile" 2>&1 </dev/null 9>&-); then
    fail migrations "$svc: 'pnpm run migrate' failed (DATABASE_URL from scripts/env/$svc.env)"
  fi
  ok "migrations: $svc up to date"
}

node_migrations() {
  local svc ran=0
  log "migrations: applying each service's SQL migrations (dbmate)"
  for svc in "${SERVICES[@]}"; do
    if node_migrate "$svc"; then ran=$((ran + 1)); fi
  done
  ((ran > 0)) || note "migrations: no service has a 'migrate' script yet; nothing to do"
}
