# shellcheck shell=bash
# shellcheck disable=SC2034  # the lists are used by the scripts that source this file
# Debian packages the local stack and the tests need, installed only when missing.
# A fresh CI machine has none of the servers; a developer machine usually has them already.

# "check:package" pairs: check is a command name, or a path when it starts with '/'.
STACK_PACKAGES=(
  /usr/lib/postgresql/15/bin/pg_ctl:postgresql-15
  psql:postgresql-client-15
  pg_dump:postgresql-client-15
  redis-server:redis-server
  redis-cli:redis-tools
  kcat:kcat
  java:openjdk-17-jre-headless
  mvn:maven
  curl:curl
  ss:iproute2
  flock:util-linux
  runuser:util-linux
  setsid:util-linux
)
# What lint needs (scripts/test, also with --unit).
LINT_PACKAGES=(
  shellcheck:shellcheck
)
# Used by the tests and benchmarks, not the servers: scripts/test installs them, and a test
# whose tool is missing fails rather than skips.
TEST_PACKAGES=(
  "${LINT_PACKAGES[@]}"
  wrk:wrk
  chromium:chromium
  promtool:prometheus
)

package_check_ok() {
  if [[ "$1" == /* ]]; then [[ -x "$1" ]]; else command -v "$1" >/dev/null 2>&1; fi
}

# missing_packages PAIR...: prints the packages (deduplicated) whose check fails.
missing_packages() {
  local pair
  for pair in "$@"; do
    package_check_ok "${pair%%:*}" || printf '%s\n' "${pair#*:}"
  done | sort -u
}

apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

# install_packages PKG...: apt-get install; on failure (usually stale or missing package
# lists on a fresh machine) apt-get update once and retry.
install_packages() {
  (($# > 0)) || return 0
  [[ "$(id -u)" == 0 ]] || die "packages: need root to install: $* (run: sudo apt-get install $*)"
  log "packages: installing $*"
  if apt_install "$@" </dev/null; then
    ok "packages: installed $*"
    return 0
  fi
  note "packages: install failed; refreshing package lists (apt-get update) and retrying"
  apt-get update -q </dev/null || die "packages: apt-get update failed"
  apt_install "$@" </dev/null || die "packages: could not install: $*"
  ok "packages: installed $*"
}

# ensure_packages PAIR...: install whatever is missing among the pairs.
ensure_packages() {
  local missing
  mapfile -t missing < <(missing_packages "$@")
  if ((${#missing[@]} == 0)); then
    ok "packages: all present"
    return 0
  fi
  install_packages "${missing[@]}"
}

# Go tools the tests use, built with `go install` from the Go module proxy into .cache/bin.
# "binary:module@version" pairs.
GO_TOOLS=(
  grpcurl:github.com/fullstorydev/grpcurl/cmd/grpcurl@v1.9.4
  grpc-health-probe:github.com/grpc-ecosystem/grpc-health-probe@v0.4.62
  helm:helm.sh/helm/v3/cmd/helm@v3.22.0
)
GO_BIN_DIR="$ROOT/.cache/bin"

# ensure_go_tools: install the missing ones; prints nothing when all are present.
ensure_go_tools() {
  local pair binary module
  command -v go >/dev/null 2>&1 || die "tools: go is not installed (needed for ${GO_TOOLS[*]%%:*})"
  mkdir -p "$GO_BIN_DIR"
  for pair in "${GO_TOOLS[@]}"; do
    binary="${pair%%:*}"
    module="${pair#*:}"
    [[ -x "$GO_BIN_DIR/$binary" ]] && continue
    log "tools: go install $module"
    GOBIN="$GO_BIN_DIR" GOFLAGS=-mod=mod go install "$module" </dev/null ||
      die "tools: go install $module failed"
  done
  ok "tools: ${GO_TOOLS[*]%%:*} in ${GO_BIN_DIR#"$ROOT"/}"
}
