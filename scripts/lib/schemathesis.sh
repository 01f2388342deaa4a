# shellcheck shell=bash
# schemathesis (PyPI), pinned, in a virtualenv under .cache/ (git-ignored): the contract fuzzer
# that scripts/fuzz runs against the running gateway.

SCHEMATHESIS_VERSION=4.32.5
SCHEMATHESIS_VENV="$ROOT/.cache/schemathesis-venv"
SCHEMATHESIS_BIN="$SCHEMATHESIS_VENV/bin/st"

# ensure_schemathesis: install the pinned version when the virtualenv lacks it.
ensure_schemathesis() {
  if [[ -x "$SCHEMATHESIS_BIN" ]] &&
    [[ "$("$SCHEMATHESIS_BIN" --version 2>/dev/null)" == *" $SCHEMATHESIS_VERSION" ]]; then
    return 0
  fi
  command -v python3 >/dev/null 2>&1 || die "fuzz: python3 is needed for schemathesis"
  log "fuzz: installing schemathesis $SCHEMATHESIS_VERSION into ${SCHEMATHESIS_VENV#"$ROOT"/}"
  rm -rf "$SCHEMATHESIS_VENV"
  # Debian's python3 makes virtualenvs only with python3-venv (ensurepip) installed.
  if ! python3 -m venv "$SCHEMATHESIS_VENV" >/dev/null 2>&1; then
    rm -rf "$SCHEMATHESIS_VENV"
    install_packages python3-venv
    python3 -m venv "$SCHEMATHESIS_VENV" || die "fuzz: python3 -m venv failed"
  fi
  "$SCHEMATHESIS_VENV/bin/pip" install --quiet --disable-pip-version-check \
    "schemathesis==$SCHEMATHESIS_VERSION" </dev/null ||
    die "fuzz: pip install schemathesis==$SCHEMATHESIS_VERSION failed"
  ok "fuzz: schemathesis $SCHEMATHESIS_VERSION"
}
