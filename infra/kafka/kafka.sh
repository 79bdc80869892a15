#!/usr/bin/env bash
# One real Apache Kafka node (KRaft broker + controller) on 127.0.0.1, fetched from Maven Central.
#   infra/kafka/kafka.sh start   fetch jars if missing, format storage once, start, wait until ready
#   infra/kafka/kafka.sh stop    stop the broker this script started (no-op when none)
#   infra/kafka/kafka.sh status  exit 0 when the broker port answers
# Idempotent: start on a running broker and stop on a stopped one do nothing.
# When KAFKA_BROKERS is set, that cluster is used and nothing is started here.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DATA_DIR="${KAFKA_DATA_DIR:-$ROOT/.data/kafka}"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
HEAP="${KAFKA_HEAP:-512m}"
LIB_DIR="$HERE/target/lib"
PID_FILE="$DATA_DIR/kafka.pid"
# Fixed cluster id: the storage is formatted once per data directory, so a stable id keeps restarts simple.
CLUSTER_ID="${KAFKA_CLUSTER_ID:-dGhpZHVhLWthZmthLTAx}"

log() { echo "[kafka] $*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid; pid="$(cat "$PID_FILE")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

fetch_jars() {
  if [[ -f "$LIB_DIR/.complete" ]]; then return; fi
  log "fetching Kafka jars from Maven Central (once)…"
  (cd "$HERE" && mvn -B -q dependency:copy-dependencies)
  # the broker needs the slf4j 2 API the log4j2 bridge was built for; drop the 1.7 one kafka brings
  find "$LIB_DIR" -name 'slf4j-api-1.*.jar' -delete
  touch "$LIB_DIR/.complete"
}

write_config() {
  mkdir -p "$DATA_DIR/logs" "$DATA_DIR/data"
  cat > "$DATA_DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${CONTROLLER_PORT}
listeners=PLAINTEXT://127.0.0.1:${PORT},CONTROLLER://127.0.0.1:${CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://127.0.0.1:${PORT}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=${DATA_DIR}/data
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
default.replication.factor=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
log.retention.hours=168
PROPS
}

java_cmd() {
  exec java -Xms128m -Xmx"$HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Dkafka.logs.dir="$DATA_DIR/logs" \
    -Dlog4j2.configurationFile="$HERE/log4j2.properties" \
    -cp "$LIB_DIR/*" "$@"
}

format_storage() {
  if [[ -f "$DATA_DIR/data/meta.properties" ]]; then return; fi
  log "formatting storage in $DATA_DIR/data"
  (java_cmd kafka.tools.StorageTool format -t "$CLUSTER_ID" -c "$DATA_DIR/server.properties" --ignore-formatted >/dev/null)
}

wait_ready() {
  local deadline=$((SECONDS + ${KAFKA_START_TIMEOUT:-90}))
  until port_open "$PORT" && grep -q "Kafka Server started" "$DATA_DIR/logs/server.log" 2>/dev/null; do
    if ! running_pid >/dev/null; then
      log "broker exited during start-up; last lines of $DATA_DIR/logs/server.log:"
      tail -n 30 "$DATA_DIR/logs/server.log" >&2 || true
      exit 1
    fi
    if (( SECONDS > deadline )); then log "broker not ready in time"; exit 1; fi
    sleep 0.5
  done
}

start() {
  if [[ -n "${KAFKA_BROKERS:-}" ]]; then log "KAFKA_BROKERS=$KAFKA_BROKERS set: using that cluster"; return; fi
  if running_pid >/dev/null; then log "already running (pid $(running_pid)) on 127.0.0.1:$PORT"; return; fi
  if port_open "$PORT"; then log "something already listens on 127.0.0.1:$PORT: using it"; return; fi
  fetch_jars
  write_config
  format_storage
  : > "$DATA_DIR/logs/server.log"
  log "starting broker on 127.0.0.1:$PORT (heap $HEAP)"
  java_cmd kafka.Kafka "$DATA_DIR/server.properties" > "$DATA_DIR/logs/stdout.log" 2>&1 < /dev/null &
  echo $! > "$PID_FILE"
  wait_ready
  log "ready on 127.0.0.1:$PORT"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then log "not running"; rm -f "$PID_FILE"; return; fi
  log "stopping pid $pid"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then log "still running after 30 s: killing"; kill -KILL "$pid"; fi
  rm -f "$PID_FILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) port_open "$PORT" ;;
  fetch) fetch_jars ;;
  *) echo "usage: $0 start|stop|status|fetch" >&2; exit 2 ;;
esac
