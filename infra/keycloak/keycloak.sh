#!/usr/bin/env bash
# Keycloak, the platform's identity provider, on 127.0.0.1: fetched from Maven Central, data in its own PostgreSQL
# database, the `thidua` realm (realm/thidua-realm.json) imported at its first start, our Vietnamese login theme.
#   infra/keycloak/keycloak.sh start    fetch and build once, create its database, start, wait until ready
#   infra/keycloak/keycloak.sh stop     stop the server this script started (no-op when none)
#   infra/keycloak/keycloak.sh status   exit 0 when the realm answers
#   infra/keycloak/keycloak.sh env      print `export …` lines of the secrets the platform needs (nothing for an
#                                       external provider)
#   infra/keycloak/keycloak.sh reset    stop, drop its database (every account is lost), so the next start imports
#                                       the realm file anew
# Idempotent: start on a running server and stop on a stopped one do nothing.
# When KEYCLOAK_URL or OIDC_ISSUER is set, that provider is used and nothing is started here.
# Ports: KEYCLOAK_PORT (8080) and KEYCLOAK_MANAGEMENT_PORT (9000, health); heap KEYCLOAK_HEAP (512m).
# Database: KEYCLOAK_DATABASE, else keycloak$DATABASE_SUFFIX, on the platform's PostgreSQL server.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
TSX="$ROOT/node_modules/.bin/tsx"
VERSION="$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$HERE/pom.xml")"
DIST="$HERE/target/keycloak-$VERSION"
PORT="${KEYCLOAK_PORT:-8080}"
MANAGEMENT_PORT="${KEYCLOAK_MANAGEMENT_PORT:-9000}"
HEAP="${KEYCLOAK_HEAP:-512m}"
DATABASE="${KEYCLOAK_DATABASE:-keycloak${DATABASE_SUFFIX:-}}"
REALM_FILE="$HERE/realm/thidua-realm.json"
DATA_DIR="${KEYCLOAK_DATA_DIR:-$ROOT/.data/keycloak-$PORT}"
PID_FILE="$DATA_DIR/keycloak.pid"
LOG_FILE="$DATA_DIR/keycloak.log"
SECRETS_FILE="$DATA_DIR/secrets.env"
# options fixed when the distribution is built (`kc.sh build`); everything else is given at start
BUILD_OPTIONS=(--db=postgres --health-enabled=true)

log() { echo "[keycloak] $*" >&2; }

external() { [[ -n "${KEYCLOAK_URL:-}" || -n "${OIDC_ISSUER:-}" ]]; }

running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid; pid="$(cat "$PID_FILE")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

realm_answers() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/realms/thidua/.well-known/openid-configuration" 2>/dev/null; }

fetch() {
  if [[ -x "$DIST/bin/kc.sh" ]]; then return; fi
  log "fetching Keycloak $VERSION from Maven Central (once)…"
  (cd "$HERE" && mvn -B -q dependency:unpack)
}

build() {
  local stamp="$DIST/.built-$(echo "${BUILD_OPTIONS[*]}" | sha256sum | cut -c1-12)"
  if [[ -f "$stamp" ]]; then return; fi
  log "building the distribution for PostgreSQL (once, about a minute)…"
  "$DIST/bin/kc.sh" build "${BUILD_OPTIONS[@]}" > "$DATA_DIR/build.log" 2>&1 || { tail -n 30 "$DATA_DIR/build.log" >&2; exit 1; }
  touch "$stamp"
}

random_secret() { openssl rand -hex 24; }

# Made once per data directory; Keycloak takes them only when it creates the master realm and imports ours.
ensure_secrets() {
  if [[ -f "$SECRETS_FILE" ]]; then return; fi
  umask 077
  cat > "$SECRETS_FILE" <<SECRETS
KEYCLOAK_ADMIN_CLIENT_SECRET=${KEYCLOAK_ADMIN_CLIENT_SECRET:-$(random_secret)}
KEYCLOAK_BOOTSTRAP_CLIENT_ID=thidua-bootstrap
KEYCLOAK_BOOTSTRAP_CLIENT_SECRET=$(random_secret)
SECRETS
  rm -f "$DATA_DIR/database-owner"
}

# The database is marked with a random id of this data directory when created. One marked otherwise (made by another
# checkout, or by a clean clone on a server that kept it) holds a master realm whose bootstrap secret is not ours:
# nothing here could administer it, so it is made anew.
ensure_database() {
  local owner_file="$DATA_DIR/database-owner" state
  [[ -f "$owner_file" ]] || openssl rand -hex 16 > "$owner_file"
  state="$("$TSX" "$HERE/database.ts" ensure "$DATABASE" "$(cat "$owner_file")")"
  if [[ $(head -n 1 <<< "$state") == foreign ]]; then
    log "database $DATABASE was made by another checkout, whose secrets are not in $DATA_DIR: dropping it to import the realm anew"
    "$TSX" "$HERE/database.ts" drop "$DATABASE"
    state="$("$TSX" "$HERE/database.ts" ensure "$DATABASE" "$(cat "$owner_file")")"
  fi
  echo "$state"
}

# Keycloak takes its database settings from KC_DB_* and the client secret of the realm file from the environment.
prepare_environment() {
  local state line
  state="$(ensure_database)"
  while IFS= read -r line; do export "${line?}"; done < <(tail -n +2 <<< "$state")
  if [[ $(head -n 1 <<< "$state") == created ]]; then
    log "created database $DATABASE; the realm will be imported"
    sha256sum "$REALM_FILE" | cut -d' ' -f1 > "$DATA_DIR/realm.sha256"
  elif ! sha256sum "$REALM_FILE" | cut -d' ' -f1 | cmp -s - "$DATA_DIR/realm.sha256"; then
    log "warning: $REALM_FILE changed since database $DATABASE imported it; 'bash infra/keycloak/keycloak.sh reset' imports it anew (accounts are lost)"
  fi
  # shellcheck disable=SC1090
  source "$SECRETS_FILE"
  export THIDUA_PLATFORM_CLIENT_SECRET="$KEYCLOAK_ADMIN_CLIENT_SECRET"
  export KC_BOOTSTRAP_ADMIN_CLIENT_ID="$KEYCLOAK_BOOTSTRAP_CLIENT_ID" KC_BOOTSTRAP_ADMIN_CLIENT_SECRET="$KEYCLOAK_BOOTSTRAP_CLIENT_SECRET"
  export JAVA_OPTS_KC_HEAP="-Xms64m -Xmx$HEAP"
  # transaction logs in this server's own folder, so two servers built from one distribution never share them
  export JAVA_OPTS_APPEND="-Dquarkus.transaction-manager.object-store.directory=$DATA_DIR/transaction-logs"
}

install_realm_and_theme() {
  mkdir -p "$DIST/data/import"
  cp "$REALM_FILE" "$DIST/data/import/thidua-realm.json"
  ln -sfn "$HERE/themes/thidua" "$DIST/themes/thidua"
}

wait_ready() {
  local deadline=$((SECONDS + ${KEYCLOAK_START_TIMEOUT:-300}))
  until curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$MANAGEMENT_PORT/health/ready" 2>/dev/null && realm_answers; do
    if ! running_pid >/dev/null; then
      log "Keycloak exited during start-up; last lines of $LOG_FILE:"
      tail -n 30 "$LOG_FILE" >&2 || true
      exit 1
    fi
    if (( SECONDS > deadline )); then log "Keycloak not ready in time; see $LOG_FILE"; exit 1; fi
    sleep 0.5
  done
}

start() {
  if external; then log "using the identity provider at ${OIDC_ISSUER:-$KEYCLOAK_URL}"; return; fi
  if running_pid >/dev/null; then log "already running (pid $(running_pid)) on 127.0.0.1:$PORT"; return; fi
  if realm_answers; then log "a Keycloak with the thidua realm already answers on 127.0.0.1:$PORT: using it"; return; fi
  mkdir -p "$DATA_DIR"
  fetch
  build
  ensure_secrets
  prepare_environment
  install_realm_and_theme
  log "starting on 127.0.0.1:$PORT (health on :$MANAGEMENT_PORT, heap $HEAP, database $DATABASE)"
  local started=$SECONDS
  "$DIST/bin/kc.sh" start --optimized --import-realm \
    --http-enabled=true --http-host=127.0.0.1 --http-port="$PORT" --http-management-port="$MANAGEMENT_PORT" \
    --hostname="http://127.0.0.1:$PORT" --hostname-backchannel-dynamic=true --cache=local \
    --log-console-color=false > "$LOG_FILE" 2>&1 < /dev/null &
  echo $! > "$PID_FILE"
  wait_ready
  log "ready on http://127.0.0.1:$PORT/realms/thidua in $((SECONDS - started)) s"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then log "not running"; rm -f "$PID_FILE"; return; fi
  log "stopping pid $pid"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then log "still running after 30 s: killing"; pkill -KILL -P "$pid" || true; kill -KILL "$pid" || true; fi
  rm -f "$PID_FILE"
}

print_env() {
  if external || [[ ! -f "$SECRETS_FILE" ]]; then return; fi
  sed 's/^/export /' "$SECRETS_FILE"
}

reset() {
  if external; then log "an external provider is configured: nothing to reset"; return; fi
  stop
  "$TSX" "$HERE/database.ts" drop "$DATABASE"
  rm -f "$DATA_DIR/realm.sha256"
  log "dropped database $DATABASE; the next start imports $REALM_FILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) realm_answers ;;
  env) print_env ;;
  reset) reset ;;
  fetch) fetch ;;
  *) echo "usage: $0 start|stop|status|env|reset|fetch" >&2; exit 2 ;;
esac
