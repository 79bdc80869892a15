#!/usr/bin/env bash
# The unit tests and the slice test again on Node 24 LTS, the Node of the Dockerfile: the npm registry serves Node's
# binaries as the `node` package, which npx puts first on PATH for this run only (jest, tsx and every process a test
# spawns then run on it). The whole suite runs on the machine's Node (npm test); this is the short second pass.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
NODE24="${NODE24_VERSION:-24}"
# the type check and the supergraph check do not depend on the Node that runs them: npm test did them
export THIDUA_TESTS_ONLY=1
exec npx --yes -p "node@$NODE24" -c 'echo "[test:node24] $(node --version)"; bash infra/test.sh services/ gateway/test/ test/slice.test.ts'
