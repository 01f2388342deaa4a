# shellcheck shell=bash
# shellcheck disable=SC2153  # KAFKA_PORT and friends come from ports.sh (via common.sh)
# Apache Kafka (KRaft, one node that is both broker and controller) on 127.0.0.1:$KAFKA_PORT.
# Jars come from Maven Central through scripts/kafka/pom.xml into .cache/kafka/libs; the
# broker runs on the machine's Java 17 with scripts/kafka/log4j2.xml (stdout -> kafka.log).

KAFKA_POM="$ROOT/scripts/kafka/pom.xml"
KAFKA_LIBS="$CACHE_DIR/kafka/libs"
KAFKA_DIR="$DATA_DIR/kafka"
KAFKA_PROPS="$KAFKA_DIR/server.properties"
KAFKA_JAVA="${ORRERY_JAVA:-java}"
KAFKA_JVM_OPTS=(
  -Xms256m -Xmx768m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError
  -Djava.awt.headless=true "-Dlog4j2.configurationFile=$ROOT/scripts/kafka/log4j2.xml"
)

kafka_pid() { running_pid kafka kafka.Kafka; }

kafka_java() { "$KAFKA_JAVA" "${KAFKA_JVM_OPTS[@]}" -cp "$KAFKA_LIBS/*" "$@"; }

kafka_check_java() {
  local version
  command -v "$KAFKA_JAVA" >/dev/null || die "kafka: '$KAFKA_JAVA' not found (install openjdk-17-jre-headless)"
  version="$("$KAFKA_JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  ((${version:-0} >= 17)) || die "kafka: needs Java 17 or newer, '$KAFKA_JAVA' is Java ${version:-unknown}"
}

# The jars are (re)copied when missing or when pom.xml changed since the last copy.
kafka_fetch_libs() {
  local sum
  sum="$(sha256sum "$KAFKA_POM" | cut -d' ' -f1)"
  [[ -f "$KAFKA_LIBS/.pom.sha256" && "$(cat "$KAFKA_LIBS/.pom.sha256")" == "$sum" ]] && return 0
  log "kafka: fetching broker jars from Maven Central into ${KAFKA_LIBS#"$ROOT"/} (first run)"
  rm -rf "$KAFKA_LIBS"
  mkdir -p "$KAFKA_LIBS"
  if ! mvn -B -q -f "$KAFKA_POM" "-Dmaven.repo.local=$CACHE_DIR/m2" \
    dependency:copy-dependencies "-DoutputDirectory=$KAFKA_LIBS" -DincludeScope=runtime \
    >"$LOG_DIR/kafka-libs.log" 2>&1 </dev/null 9>&-; then
    err "kafka: Maven could not fetch the Kafka jars (scripts/kafka/pom.xml)"
    log_tail kafka-libs 30
    exit 1
  fi
  printf '%s\n' "$sum" >"$KAFKA_LIBS/.pom.sha256"
  ok "kafka: $(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars in ${KAFKA_LIBS#"$ROOT"/}"
}

# Rewritten on every start so port overrides apply. A static voter set (rather than a
# dynamic quorum formatted with --standalone) keeps the controller port changeable.
kafka_write_config() {
  mkdir -p "$KAFKA_DIR/data"
  cat >"$KAFKA_PROPS" <<EOF
# Written by scripts/stack on every start; edit scripts/lib/kafka.sh instead.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=6
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# After a kill -9 the new broker waits for the old registration's session to expire
# (default 9 s); a shorter session makes crash-recovery tests faster.
broker.heartbeat.interval.ms=1000
broker.session.timeout.ms=5000
num.network.threads=2
num.io.threads=4
log.retention.hours=24
log.segment.bytes=67108864
EOF
}

# The cluster id is generated once and kept in .data/kafka/cluster-id.
kafka_ensure_cluster_id() {
  local file="$KAFKA_DIR/cluster-id" id
  [[ -s "$file" ]] && return 0
  id="$(kafka_java kafka.tools.StorageTool random-uuid 2>>"$LOG_DIR/kafka.log" 9>&- |
    grep -E '^[A-Za-z0-9_-]{22}$' | tail -n1)" || true
  [[ -n "$id" ]] || fail kafka "could not generate a cluster id (kafka.tools.StorageTool random-uuid)"
  printf '%s\n' "$id" >"$file"
}

# Format the storage once; meta.properties marks a formatted log dir.
kafka_format() {
  local id
  [[ -f "$KAFKA_DIR/data/meta.properties" ]] && return 0
  kafka_ensure_cluster_id
  id="$(cat "$KAFKA_DIR/cluster-id")"
  log "kafka: formatting storage in ${KAFKA_DIR#"$ROOT"/}/data (cluster id $id, first run)"
  kafka_java kafka.tools.StorageTool format -t "$id" -c "$KAFKA_PROPS" \
    >>"$LOG_DIR/kafka.log" 2>&1 9>&- || fail kafka "formatting the storage failed"
}

kafka_broker_ready() {
  local metadata
  metadata="$(kcat -b "127.0.0.1:$KAFKA_PORT" -L -m 2 2>/dev/null)" || return 1
  [[ "$metadata" == *" 1 brokers:"* ]]
}

# kafka_wait_ready PID: until the broker answers metadata requests, or the process died.
kafka_wait_ready() {
  local pid="$1" deadline=$((SECONDS + 90)) status
  until kafka_broker_ready; do
    if ! pid_alive "$pid"; then
      wait "$pid" 2>/dev/null && status=0 || status=$?
      fail kafka "the broker exited (status $status) before accepting connections"
    fi
    ((SECONDS < deadline)) || fail kafka "no answer on 127.0.0.1:$KAFKA_PORT within 90 s (kcat -L)"
    sleep 0.5
  done
}

kafka_up() {
  local pid port
  if pid="$(kafka_pid)"; then
    ok "kafka: already running (pid $pid, port $KAFKA_PORT)"
    return 0
  fi
  for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do require_port_free kafka "$port"; done
  kafka_check_java
  kafka_fetch_libs
  kafka_write_config
  kafka_format
  log "kafka: starting on 127.0.0.1:$KAFKA_PORT (controller :$KAFKA_CONTROLLER_PORT)"
  spawn kafka "$KAFKA_JAVA" "${KAFKA_JVM_OPTS[@]}" -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_PROPS"
  pid="$(read_pid kafka)"
  kafka_wait_ready "$pid"
  ok "kafka: running (pid $pid, port $KAFKA_PORT)"
}

kafka_down() {
  local pid
  if pid="$(kafka_pid)"; then
    stop_pid kafka "$pid" 30
  else
    rm -f "$(pid_file kafka)"
    ok "kafka: not running"
  fi
}

kafka_kill() {
  local pid
  if pid="$(kafka_pid)"; then kill_pid kafka "$pid"; else ok "kafka: not running"; fi
}

kafka_status_row() {
  local pid
  if pid="$(kafka_pid)"; then
    status_row kafka running "$pid" "$KAFKA_PORT"
  else
    status_row kafka stopped - "$KAFKA_PORT"
  fi
}
