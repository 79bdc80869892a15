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
