#!/usr/bin/env bash
# Installs and runs every test: types, the committed supergraph, unit tests and integration tests against the
# real PostgreSQL, a real Kafka broker and a real Keycloak (each started here when none runs, and stopped again at
# the end).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash infra/install.sh
bash infra/chromium.sh
bash infra/documents.sh
bash infra/web.sh

# the test databases, Keycloak's included (global-setup uses the same default)
export DATABASE_SUFFIX="${DATABASE_SUFFIX:-_test}"
started_kafka=no
if [[ -z "${KAFKA_BROKERS:-}" ]] && ! bash infra/kafka/kafka.sh status; then started_kafka=yes; fi
started_keycloak=no
if [[ -z "${KEYCLOAK_URL:-}${OIDC_ISSUER:-}" ]] && ! bash infra/keycloak/keycloak.sh status; then started_keycloak=yes; fi
cleanup() {
  if [[ $started_kafka == yes ]]; then bash infra/kafka/kafka.sh stop; fi
  if [[ $started_keycloak == yes ]]; then bash infra/keycloak/keycloak.sh stop; fi
}
trap cleanup EXIT

bash infra/infra.sh up --test
# shellcheck disable=SC1091
source .data/infra.env
export POSTGRES_URL
# the master-realm client global-setup makes this run's realm with
eval "$(bash infra/keycloak/keycloak.sh env)"

if [[ "${THIDUA_TESTS_ONLY:-}" != 1 ]]; then
  echo "[test] type check"
  node_modules/.bin/tsc -p tsconfig.json --noEmit
  echo "[test] supergraph"
  node_modules/.bin/tsx scripts/compose-supergraph.ts --check
fi

results="$ROOT/.data/jest-results.json"
output="$ROOT/.data/jest-output.log"
set +e
node_modules/.bin/jest --runInBand --ci --json --outputFile="$results" "$@" 2>&1 | tee "$output"
status=${PIPESTATUS[0]}
set -e
# a passing suite prints no stack traces: one that does hides a failure (an error swallowed, a loop that overflowed)
if [[ $status -eq 0 ]] && grep -nE 'Exception in PromiseRejectCallback|^\s+at \S.*:[0-9]+:[0-9]+\)?$' "$output" >&2; then
  echo "[test] the suite passed but printed the stack traces above: find their cause" >&2
  status=1
fi
# a closing line every CI reader understands
node -e '
  const r = require(process.argv[1]);
  console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests + r.numRuntimeErrorTestSuites} failed, ${r.numPendingTests} skipped`);
' "$results" || true
exit $status
