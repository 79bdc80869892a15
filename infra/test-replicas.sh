#!/usr/bin/env bash
# The replica test (test/replicas/): two replicas of every process behind our nginx, on the test databases, the real
# broker, Keycloak and Redis; kills one replica of each mid-flow. Starts what it needs when it does not run (nginx,
# the broker, Keycloak, every replica) and stops it again at the end. A few minutes on 2 cores.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash infra/install.sh
bash infra/nginx.sh

export DATABASE_SUFFIX="${DATABASE_SUFFIX:-_test}"
started_kafka=no
if [[ -z "${KAFKA_BROKERS:-}" ]] && ! bash infra/kafka/kafka.sh status; then started_kafka=yes; fi
started_keycloak=no
if [[ -z "${KEYCLOAK_URL:-}${OIDC_ISSUER:-}" ]] && ! bash infra/keycloak/keycloak.sh status; then started_keycloak=yes; fi
cleanup() {
  # the test stops its replicas itself; this catches a run interrupted before its afterAll
  node_modules/.bin/tsx -e "require('./infra/replicas').stopReplicas(require('./infra/replicas').replicaLayout(2, 28300, '$ROOT/.data/replicas-test'))" || true
  if [[ $started_kafka == yes ]]; then bash infra/kafka/kafka.sh stop; fi
  if [[ $started_keycloak == yes ]]; then bash infra/keycloak/keycloak.sh stop; fi
}
trap cleanup EXIT

bash infra/infra.sh up --test
# shellcheck disable=SC1091
source .data/infra.env
export POSTGRES_URL
eval "$(bash infra/keycloak/keycloak.sh env)"

node_modules/.bin/jest --config jest.replicas.config.js --runInBand --ci "$@"
