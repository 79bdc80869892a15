#!/usr/bin/env bash
# One real Apache Kafka node (KRaft broker + controller), fetched from Maven Central, with SASL/SCRAM-SHA-512
# authentication and the StandardAuthorizer (nothing is allowed without an ACL; see infra/topics.ts).
#   infra/kafka/kafka.sh start   fetch jars if missing, format storage once, start, wait until ready
#   infra/kafka/kafka.sh run     the same in the foreground until SIGTERM (the container's command)
#   infra/kafka/kafka.sh stop    stop the broker this script started (no-op when none)
#   infra/kafka/kafka.sh status  exit 0 when the broker port answers
#   infra/kafka/kafka.sh ready   exit 0 when the broker this script started is up with every credential set
# Idempotent: start on a running broker and stop on a stopped one do nothing.
# When KAFKA_BROKERS is set, that cluster is used and nothing is started here.
#
# Principals (one SCRAM user each): broker (the node itself), admin (infra scripts, ops, tests), one per service
# (campaign, evaluation, reward, media, notification) and gateway (its cache-invalidation consumer). Passwords come from
# KAFKA_PASSWORD_<PRINCIPAL>; in development a missing one is generated into .data/secrets/kafka-<principal>.password
# (mode 600); with NODE_ENV=production a missing one stops the script.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DATA_DIR="${KAFKA_DATA_DIR:-$ROOT/.data/kafka}"
SECRETS_DIR="${DEV_SECRETS_DIR:-$ROOT/.data/secrets}"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
# the client listener's address, and the one clients are told to use (a container listens on 0.0.0.0 as "kafka")
LISTEN_HOST="${KAFKA_LISTEN_HOST:-127.0.0.1}"
ADVERTISED_HOST="${KAFKA_ADVERTISED_HOST:-127.0.0.1}"
HEAP="${KAFKA_HEAP:-512m}"
# a Kafka installation's libs (the apache/kafka image: /opt/kafka/libs) instead of the jars fetched here
LIB_DIR="${KAFKA_LIB_DIR:-$HERE/target/lib}"
PID_FILE="$DATA_DIR/kafka.pid"
READY_FILE="$DATA_DIR/ready"
CREDENTIALS_DIR="$DATA_DIR/scram"
# Fixed cluster id: the storage is formatted once per data directory, so a stable id keeps restarts simple.
CLUSTER_ID="${KAFKA_CLUSTER_ID:-dGhpZHVhLWthZmthLTAx}"
PRINCIPALS=(broker admin campaign evaluation reward media notification gateway)
MECHANISM=SCRAM-SHA-512
declare -A PASSWORD

log() { echo "[kafka] $*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid; pid="$(cat "$PID_FILE")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

fetch_jars() {
  if [[ -n "${KAFKA_LIB_DIR:-}" || -f "$LIB_DIR/.complete" ]]; then return; fi
  log "fetching Kafka jars from Maven Central (once)…"
  (cd "$HERE" && mvn -B -q dependency:copy-dependencies)
  # the broker needs the slf4j 2 API the log4j2 bridge was built for; drop the 1.7 one kafka brings
  find "$LIB_DIR" -name 'slf4j-api-1.*.jar' -delete
  touch "$LIB_DIR/.complete"
}

# Each principal's password: KAFKA_PASSWORD_<PRINCIPAL>, else (development only) the generated file.
load_passwords() {
  local name var file value
  for name in "${PRINCIPALS[@]}"; do
    var="KAFKA_PASSWORD_${name^^}"
    file="$SECRETS_DIR/kafka-$name.password"
    value="${!var:-}"
    if [[ -z $value && ${NODE_ENV:-} == production ]]; then
      log "thiếu $var: ở production, mật khẩu của mọi principal Kafka phải lấy từ biến môi trường"; exit 1
    fi
    if [[ -z $value ]]; then
      if [[ ! -s $file ]]; then
        (umask 077 && mkdir -p "$SECRETS_DIR" && head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40 > "$file")
      fi
      value="$(cat "$file")"
    fi
    # they go unquoted into Kafka's JAAS and SCRAM settings, where quotes, commas and brackets have a meaning
    if [[ ! $value =~ ^[A-Za-z0-9._~-]{32,}$ ]]; then
      log "$var phải dài ít nhất 32 ký tự, chỉ gồm A-Z a-z 0-9 . _ ~ -"; exit 1
    fi
    PASSWORD[$name]="$value"
  done
}

jaas() { echo "org.apache.kafka.common.security.$1 required username=\"broker\" password=\"${PASSWORD[broker]}\"$2;"; }

write_config() {
  (umask 077 && mkdir -p "$DATA_DIR/logs" "$DATA_DIR/data")
  (umask 077 && cat > "$DATA_DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${CONTROLLER_PORT}
listeners=SASL_PLAINTEXT://${LISTEN_HOST}:${PORT},CONTROLLER://127.0.0.1:${CONTROLLER_PORT}
advertised.listeners=SASL_PLAINTEXT://${ADVERTISED_HOST}:${PORT}
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
# clients and the node itself authenticate with SCRAM (credentials kept, salted, in the cluster metadata)
listener.name.sasl_plaintext.sasl.enabled.mechanisms=${MECHANISM}
sasl.mechanism.inter.broker.protocol=${MECHANISM}
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=$(jaas scram.ScramLoginModule '')
# the controller cannot check SCRAM (its credentials are in the metadata it serves): PLAIN, for the node only
listener.name.controller.sasl.enabled.mechanisms=PLAIN
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.plain.sasl.jaas.config=$(jaas plain.PlainLoginModule " user_broker=\"${PASSWORD[broker]}\"")
# deny by default: a principal may do only what an ACL allows (infra/topics.ts); broker and admin may do all
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:broker;User:admin
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
  )
  # what the credential tool logs in with: the node's own principal, whose password never changes here
  (umask 077 && cat > "$DATA_DIR/broker-client.properties" <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=${MECHANISM}
sasl.jaas.config=$(jaas scram.ScramLoginModule '')
PROPS
  )
}

java_cmd() {
  exec java -Xms128m -Xmx"$HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Dkafka.logs.dir="$DATA_DIR/logs" \
    -Dlog4j2.configurationFile="$HERE/log4j2.properties" \
    -cp "$LIB_DIR/*" "$@"
}

fingerprint() { printf '%s' "${PASSWORD[$1]}" | sha256sum | cut -d' ' -f1; }

remember_credential() { (umask 077 && mkdir -p "$CREDENTIALS_DIR" && fingerprint "$1" > "$CREDENTIALS_DIR/$1.sha256"); }

# Formats the storage once, with every principal's SCRAM credential in the initial metadata.
format_storage() {
  if [[ -f "$DATA_DIR/data/meta.properties" && ! -f "$CREDENTIALS_DIR/broker.sha256" ]]; then
    # storage from before authentication: its metadata has no credentials, so the node could not log in to itself
    if [[ ${NODE_ENV:-} == production ]]; then
      log "$DATA_DIR/data được định dạng khi chưa có xác thực SCRAM: chuyển thư mục đó đi (mất các sự kiện trong đó) rồi khởi động lại"; exit 1
    fi
    log "storage in $DATA_DIR/data predates authentication: formatting it anew (development events are dropped)"
    rm -rf "$DATA_DIR/data"
  fi
  if [[ -f "$DATA_DIR/data/meta.properties" ]]; then return; fi
  log "formatting storage in $DATA_DIR/data"
  local scram=() name
  for name in "${PRINCIPALS[@]}"; do scram+=(--add-scram "$MECHANISM=[name=$name,password=${PASSWORD[$name]}]"); done
  (java_cmd kafka.tools.StorageTool format -t "$CLUSTER_ID" -c "$DATA_DIR/server.properties" "${scram[@]}" >/dev/null)
  for name in "${PRINCIPALS[@]}"; do remember_credential "$name"; done
}

# Brings the broker's SCRAM credentials in line with the passwords (a new password in the environment rotates it).
sync_credentials() {
  local name
  if [[ "$(cat "$CREDENTIALS_DIR/broker.sha256")" != "$(fingerprint broker)" ]]; then
    log "KAFKA_PASSWORD_BROKER khác mật khẩu lúc định dạng dữ liệu: không đổi được mật khẩu của chính node khi đang giữ dữ liệu"; return 1
  fi
  for name in "${PRINCIPALS[@]:1}"; do
    if [[ -f "$CREDENTIALS_DIR/$name.sha256" && "$(cat "$CREDENTIALS_DIR/$name.sha256")" == "$(fingerprint "$name")" ]]; then continue; fi
    log "setting the SCRAM credential of $name"
    (java_cmd kafka.admin.ConfigCommand --bootstrap-server "127.0.0.1:$PORT" --command-config "$DATA_DIR/broker-client.properties" \
      --alter --entity-type users --entity-name "$name" --add-config "$MECHANISM=[password=${PASSWORD[$name]}]" >/dev/null)
    remember_credential "$name"
  done
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
  load_passwords
  fetch_jars
  write_config
  format_storage
  : > "$DATA_DIR/logs/server.log"
  rm -f "$READY_FILE"
  log "starting broker on $LISTEN_HOST:$PORT (SASL/$MECHANISM, heap $HEAP)"
  java_cmd kafka.Kafka "$DATA_DIR/server.properties" > "$DATA_DIR/logs/stdout.log" 2>&1 < /dev/null &
  echo $! > "$PID_FILE"
  wait_ready
  if ! sync_credentials; then stop; exit 1; fi
  touch "$READY_FILE"
  log "ready on $ADVERTISED_HOST:$PORT"
}

stop() {
  local pid
  rm -f "$READY_FILE"
  if ! pid="$(running_pid)"; then log "not running"; rm -f "$PID_FILE"; return; fi
  log "stopping pid $pid"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then log "still running after 30 s: killing"; kill -KILL "$pid"; fi
  rm -f "$PID_FILE"
}

run() {
  start
  trap stop TERM INT
  local pid; pid="$(cat "$PID_FILE")"
  # `wait` returns when a signal arrives (the trap then stops the broker) or when the broker exits by itself
  while kill -0 "$pid" 2>/dev/null; do wait "$pid" 2>/dev/null || true; done
}

case "${1:-}" in
  start) start ;;
  run) run ;;
  stop) stop ;;
  status) port_open "$PORT" ;;
  ready) port_open "$PORT" && [[ -f "$READY_FILE" ]] ;;
  fetch) fetch_jars ;;
  *) echo "usage: $0 start|run|stop|status|ready|fetch" >&2; exit 2 ;;
esac
