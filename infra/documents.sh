#!/usr/bin/env bash
# What documents need from Debian: the serif font the templates are set in (Liberation Serif 2, metric-compatible
# with Times New Roman, which Decree 30/2020/NĐ-CP prescribes, and covering Vietnamese), and for the tests
# poppler-utils (pdftotext, pdfsig, pdftoppm, pdfinfo), libnss3-tools (certutil, to trust our test CA in pdfsig) and
# libxml2-utils (xmllint, which checks the news feeds against their formats' grammars).
# Installed with apt when missing and we are root; otherwise it says what to install.
set -euo pipefail
missing=()
fc-list 2>/dev/null | grep -q 'LiberationSerif-Regular' || missing+=(fonts-liberation2 fontconfig)
command -v pdftotext >/dev/null && command -v pdfsig >/dev/null || missing+=(poppler-utils)
command -v certutil >/dev/null || missing+=(libnss3-tools)
command -v xmllint >/dev/null || missing+=(libxml2-utils)
if [[ ${#missing[@]} -eq 0 ]]; then exit 0; fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "[documents] installing ${missing[*]} (once)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fc-cache -f >/dev/null
else
  echo "[documents] missing: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
