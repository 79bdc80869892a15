#!/usr/bin/env bash
# The replica test (test/replicas/): two replicas of every process behind our nginx, on the test databases, the real
# broker, Keycloak and Redis; kills one replica of each mid-flow. Starts what it needs when it does not run (nginx,
# the broker, Keycloak, every replica) and stops it again at the end. A few minutes on 2 cores.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash infra/install.sh
bash infra/nginx.sh

before_test_cleanup() {
  # the test stops its replicas itself; this catches a run interrupted before its afterAll
  node_modules/.bin/tsx -e "require('./infra/replicas').stopReplicas(require('./infra/replicas').replicaLayout(2, 28300, '$ROOT/.data/replicas-test'))"
}
# shellcheck source=infra/test-services.sh
source infra/test-services.sh

node_modules/.bin/jest --config jest.replicas.config.js --runInBand --ci "$@"
