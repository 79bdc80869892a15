#!/usr/bin/env bash
# Brings up what the platform stands on, idempotently, and waits until it is ready:
#   infra/infra.sh up [--test]   PostgreSQL (configured, local, or embedded), Kafka (KAFKA_BROKERS or our own
#                                broker), Keycloak (KEYCLOAK_URL/OIDC_ISSUER or our own, started meanwhile), the four
#                                databases with migrations (--test: the test databases), and the event topics
#   infra/infra.sh down          stops the Kafka broker, Keycloak and the embedded PostgreSQL if this project started them
# Writes .data/infra.env (POSTGRES_URL) for the scripts that start services.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mkdir -p .data
TSX="$ROOT/node_modules/.bin/tsx"

up() {
  local url
  url="$("$TSX" infra/postgres.ts up | tail -n 1)"
  echo "export POSTGRES_URL='$url'" > .data/infra.env
  export POSTGRES_URL="$url"
  echo "[infra] PostgreSQL at ${url%%@*}@${url#*@}" | sed 's#://[^@]*@#://…@#'
  # Keycloak takes the longest (10 s, 45 s on a new database): it starts while the rest comes up
  bash infra/keycloak/keycloak.sh start &
  local keycloak=$!
  bash infra/kafka/kafka.sh start
  if [[ "${1:-}" != "--test" ]]; then
    "$TSX" infra/databases.ts
  fi
  "$TSX" infra/topics.ts
  wait "$keycloak"
}

down() {
  bash infra/kafka/kafka.sh stop
  bash infra/keycloak/keycloak.sh stop
  "$TSX" infra/postgres.ts down
}

case "${1:-}" in
  up) shift; up "$@" ;;
  down) down ;;
  *) echo "usage: $0 up [--test] | down" >&2; exit 2 ;;
esac
