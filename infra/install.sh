#!/usr/bin/env bash
# Installs the npm dependencies exactly as locked, unless they are installed already and up to date.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "[install] npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
