#!/usr/bin/env bash
# Debian's nginx, which balances the replicas (infra/replicas.sh configures and starts our own instance; the
# package's system service is never used). Installed with apt when missing and we are root; otherwise it says how to
# get it. Idempotent.
set -euo pipefail
NGINX=${NGINX_PATH:-/usr/sbin/nginx}
if [[ -x $NGINX ]]; then exit 0; fi
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
  echo "[nginx] $NGINX is missing: install Debian's nginx (sudo apt-get install nginx) to run the replicas" >&2
  exit 1
fi
# a machine being provisioned writes /tmp/system-deps.done once its own apt run is over: never run apt beside it
# (a machine without that step has no such file: once no apt or dpkg has run for 10 s, nobody else is installing)
quiet=0
for _ in $(seq 1 300); do
  [[ -e /tmp/system-deps.done ]] && break
  # one name per pgrep: procps refuses a pattern longer than a process name (15 characters)
  if pgrep -x apt-get >/dev/null || pgrep -x apt >/dev/null || pgrep -x dpkg >/dev/null; then quiet=0; else quiet=$((quiet + 1)); fi
  (( quiet >= 10 )) && break
  sleep 1
done
echo "[nginx] installing Debian's nginx (once)"
for attempt in 1 2 3 4 5; do
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null; then break; fi
  # another apt run holds dpkg's lock: wait for it
  (( attempt < 5 )) && sleep 15
done
[[ -x $NGINX ]] || { echo "[nginx] apt could not install nginx" >&2; exit 1; }
# the package may start its system service on port 80: ours runs with its own configuration only
if [[ -f /run/nginx.pid ]]; then kill "$(cat /run/nginx.pid)" 2>/dev/null || true; fi
