#!/usr/bin/env bash
# Installs and runs every test: types, the committed supergraph, unit tests and integration tests against the
# real PostgreSQL and a real Kafka broker (started here when none runs, and stopped again at the end).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash infra/install.sh
bash infra/chromium.sh
bash infra/documents.sh
bash infra/web.sh

started_kafka=no
if [[ -z "${KAFKA_BROKERS:-}" ]] && ! bash infra/kafka/kafka.sh status; then started_kafka=yes; fi
cleanup() { if [[ $started_kafka == yes ]]; then bash infra/kafka/kafka.sh stop; fi; }
trap cleanup EXIT

bash infra/infra.sh up --test
# shellcheck disable=SC1091
source .data/infra.env
export POSTGRES_URL

echo "[test] type check"
node_modules/.bin/tsc -p tsconfig.json --noEmit
echo "[test] supergraph"
node_modules/.bin/tsx scripts/compose-supergraph.ts --check

results="$ROOT/.data/jest-results.json"
status=0
node_modules/.bin/jest --runInBand --ci --json --outputFile="$results" "$@" || status=$?
# a closing line every CI reader understands
node -e '
  const r = require(process.argv[1]);
  console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests + r.numRuntimeErrorTestSuites} failed, ${r.numPendingTests} skipped`);
' "$results" || true
exit $status
