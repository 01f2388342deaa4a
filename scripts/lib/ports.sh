# shellcheck shell=bash
# Every port of the local stack, with its default and the environment variable overriding it.
# The env files in scripts/env/ hold the defaults; rewrite_ports swaps each overridden default
# for its new value wherever it appears in a value (URLs, HTTP_PORT=…), so an override reaches
# the servers, the services and the tests alike.
#
#   ORRERY_PG_PORT 15432          ORRERY_REDIS_PORT 16379       ORRERY_REDIS_LIMITS_PORT 16380
#   ORRERY_KAFKA_PORT 19092       ORRERY_KAFKA_CONTROLLER_PORT 19093
#   ORRERY_GATEWAY_PORT 8080      ORRERY_REALTIME_PORT 8090
#   ORRERY_<SERVICE>_PORT         HTTP (health/metrics) port of api-key 9401, rate-limit 9402,
#                                 webhook-dispatcher 9403, batch-worker 9404, analytics 9405
#   ORRERY_<SERVICE>_GRPC_PORT    gRPC port: 50051 … 50055 in the same order
# <SERVICE> is the name in capitals with '-' as '_', e.g. ORRERY_API_KEY_GRPC_PORT.

SERVICES=(api-key rate-limit webhook-dispatcher batch-worker analytics realtime gateway)

declare -A HTTP_PORT_DEFAULT=(
  [gateway]=8080 [api-key]=9401 [rate-limit]=9402 [webhook-dispatcher]=9403
  [batch-worker]=9404 [analytics]=9405 [realtime]=8090
)
declare -A GRPC_PORT_DEFAULT=(
  [api-key]=50051 [rate-limit]=50052 [webhook-dispatcher]=50053 [batch-worker]=50054
  [analytics]=50055
)

PG_PORT="${ORRERY_PG_PORT:-15432}"
REDIS_PORT="${ORRERY_REDIS_PORT:-16379}"
REDIS_LIMITS_PORT="${ORRERY_REDIS_LIMITS_PORT:-16380}"
KAFKA_PORT="${ORRERY_KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${ORRERY_KAFKA_CONTROLLER_PORT:-19093}"

# svc_var SERVICE SUFFIX: the override variable's name, e.g. api-key GRPC_PORT -> ORRERY_API_KEY_GRPC_PORT
svc_var() {
  local name="${1^^}"
  printf 'ORRERY_%s_%s' "${name//-/_}" "$2"
}

http_port() {
  local var
  var="$(svc_var "$1" PORT)"
  printf '%s' "${!var:-${HTTP_PORT_DEFAULT[$1]}}"
}

grpc_port() {
  local var default="${GRPC_PORT_DEFAULT[$1]:-}"
  [[ -n "$default" ]] || return 0
  var="$(svc_var "$1" GRPC_PORT)"
  printf '%s' "${!var:-$default}"
}

# port_overrides: "default actual" pairs for every port whose value differs from its default.
port_overrides() {
  local svc
  [[ "$PG_PORT" == 15432 ]] || echo "15432 $PG_PORT"
  [[ "$REDIS_PORT" == 16379 ]] || echo "16379 $REDIS_PORT"
  [[ "$REDIS_LIMITS_PORT" == 16380 ]] || echo "16380 $REDIS_LIMITS_PORT"
  [[ "$KAFKA_PORT" == 19092 ]] || echo "19092 $KAFKA_PORT"
  [[ "$KAFKA_CONTROLLER_PORT" == 19093 ]] || echo "19093 $KAFKA_CONTROLLER_PORT"
  for svc in "${SERVICES[@]}"; do
    [[ "$(http_port "$svc")" == "${HTTP_PORT_DEFAULT[$svc]}" ]] ||
      echo "${HTTP_PORT_DEFAULT[$svc]} $(http_port "$svc")"
    [[ "$(grpc_port "$svc")" == "${GRPC_PORT_DEFAULT[$svc]:-}" ]] ||
      echo "${GRPC_PORT_DEFAULT[$svc]} $(grpc_port "$svc")"
  done
}

# Computed once: most runs have no override and rewrite_ports is then a plain echo.
mapfile -t PORT_OVERRIDES < <(port_overrides)

# rewrite_ports TEXT: TEXT with every overridden default port (as a whole number) replaced.
rewrite_ports() {
  local text="$1" pair from to re
  for pair in "${PORT_OVERRIDES[@]}"; do
    from="${pair% *}" to="${pair#* }"
    re="(^|[^0-9])${from}([^0-9]|$)"
    while [[ "$text" =~ $re ]]; do
      text="${text/"${BASH_REMATCH[0]}"/"${BASH_REMATCH[1]}${to}${BASH_REMATCH[2]}"}"
    done
  done
  printf '%s\n' "$text"
}
