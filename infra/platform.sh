#!/usr/bin/env bash
# The whole platform on this machine, with demo data:
#   infra/platform.sh start   install, start PostgreSQL + Kafka + Keycloak (if none configured), the five subgraphs
#                             and the gateway, load the demo data, print the portal's URL and the demo accounts
#   infra/platform.sh stop    stop everything this script started
# Logs: .data/logs/<process>.log. Idempotent: start on a running platform only reloads the demo data.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUN_DIR="$ROOT/.data/run"
LOG_DIR="$ROOT/.data/logs"
PROCESSES=(campaign:4001 evaluation:4002 reward:4003 media:4004 notification:4005 gateway:4000)

alive() { [[ -f "$RUN_DIR/$1.pid" ]] && kill -0 "$(cat "$RUN_DIR/$1.pid")" 2>/dev/null; }

wait_healthy() {
  local name=$1 port=$2 deadline=$((SECONDS + 90))
  until curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
    if ! alive "$name"; then echo "[platform] $name exited; see $LOG_DIR/$name.log" >&2; tail -n 20 "$LOG_DIR/$name.log" >&2; exit 1; fi
    if (( SECONDS > deadline )); then echo "[platform] $name not healthy in time; see $LOG_DIR/$name.log" >&2; exit 1; fi
    sleep 0.5
  done
}

start_process() {
  local name=$1 port=$2 entry
  if [[ $name == gateway ]]; then entry=gateway/src/main.ts; else entry=services/$name/src/main.ts; fi
  if alive "$name"; then echo "[platform] $name already running"; return; fi
  nohup "$ROOT/node_modules/.bin/tsx" "$entry" >"$LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/$name.pid"
}

start() {
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  bash infra/install.sh
  bash infra/web.sh
  bash infra/chromium.sh
  bash infra/documents.sh
  bash infra/infra.sh up
  # shellcheck disable=SC1091
  source .data/infra.env
  export POSTGRES_URL
  # the campaign subgraph manages accounts at our Keycloak with its client's secret
  eval "$(bash infra/keycloak/keycloak.sh env)"
  for entry in "${PROCESSES[@]}"; do
    start_process "${entry%%:*}" "${entry##*:}"
    # subgraphs first: the gateway checks them at start
    [[ ${entry%%:*} == notification ]] && for e in "${PROCESSES[@]:0:5}"; do wait_healthy "${e%%:*}" "${e##*:}"; done
  done
  wait_healthy gateway 4000
  "$ROOT/node_modules/.bin/tsx" infra/seed-demo.ts
  # Bắc Ninh at a realistic size, under the federation the demo made (once; later starts find it seeded)
  "$ROOT/node_modules/.bin/tsx" infra/seed-province.ts
  echo
  echo "Thi Đua is running. Web portal: http://127.0.0.1:4000/   Gateway: http://127.0.0.1:4000/graphql   (stop: npm run stop)"
}

stop() {
  local pid
  for ((i = ${#PROCESSES[@]} - 1; i >= 0; i--)); do
    local name=${PROCESSES[$i]%%:*}
    if alive "$name"; then
      pid=$(cat "$RUN_DIR/$name.pid")
      kill -TERM "$pid"
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
      echo "[platform] stopped $name"
    fi
    rm -f "$RUN_DIR/$name.pid"
  done
  if [[ -x node_modules/.bin/tsx ]]; then bash infra/infra.sh down; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
