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

# shellcheck source=infra/test-services.sh
source infra/test-services.sh

if [[ "${THIDUA_TESTS_ONLY:-}" != 1 ]]; then
  echo "[test] type check"
  node_modules/.bin/tsc -p tsconfig.json --noEmit
  echo "[test] supergraph"
  node_modules/.bin/tsx scripts/compose-supergraph.ts --check
fi

results="$ROOT/.data/jest-results.json"
output="$ROOT/.data/jest-output.log"
set +e
node_modules/.bin/jest --ci --json --outputFile="$results" "$@" 2>&1 | tee "$output"
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
# `npm test` alone is every test: after the suite, the replica test (decision 0027) and the unit and slice tests on
# Node 24 LTS, on the broker and Keycloak already running; `npm test -- <files>` runs only those files
if [[ $status -eq 0 && $# -eq 0 && "${THIDUA_TESTS_ONLY:-}" != 1 ]]; then
  echo "[test] replicas"
  bash infra/test-replicas.sh || status=$?
fi
if [[ $status -eq 0 && $# -eq 0 && "${THIDUA_TESTS_ONLY:-}" != 1 ]]; then
  echo "[test] Node 24"
  bash infra/test-node24.sh || status=$?
fi
exit $status
