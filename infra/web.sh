#!/usr/bin/env bash
# Builds the web portal into web/dist when its sources (or the public operations it sends) are newer than the build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
stamp=web/dist/index.html
if [[ -f $stamp ]] && [[ -z "$(find web/src web/index.html web/vite.config.ts gateway/public-operations services/common/src/clock.ts services/media/src/domain/story-kinds.ts -newer "$stamp" -print -quit)" ]]; then
  exit 0
fi
echo "[web] type check and build"
node_modules/.bin/tsc -p web/tsconfig.json
(cd web && ../node_modules/.bin/vite build --logLevel warn)
