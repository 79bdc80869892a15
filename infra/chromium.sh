#!/usr/bin/env bash
# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser of its own).
# Installed with apt when missing and we are root; otherwise the browser tests say how to get it.
set -euo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [[ -x $CHROMIUM ]]; then exit 0; fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "[chromium] installing Debian's chromium (once)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
else
  echo "[chromium] $CHROMIUM is missing: install Debian's chromium (sudo apt-get install chromium) to run the browser tests" >&2
  exit 1
fi
