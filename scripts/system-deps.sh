#!/usr/bin/env bash
# Installs what the tests need beyond Python packages (Chromium, LibreOffice, nginx), and makes sure PostgreSQL runs.
# Idempotent: does nothing when everything is there.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
# nginx in front of two app processes (tests/e2e/test_behind_proxy.py, docs/deployment.md).
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || need+=(nginx-light)

if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing system packages: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# PostgreSQL for the data-layer tests: install it if missing (trusting local TCP
# connections, as the tests expect), and start the local cluster if it is down.
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  version=$(ls /etc/postgresql | head -n 1)
  echo "host all all 127.0.0.1/32 trust" | $sudo tee -a "/etc/postgresql/$version/main/pg_hba.conf" >/dev/null
  $sudo pg_ctlcluster --skip-systemctl-redirect "$version" main restart || true
fi
if command -v pg_ctlcluster >/dev/null 2>&1 && ! pg_isready -h 127.0.0.1 -q 2>/dev/null; then
  version=$(ls /etc/postgresql | head -n 1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
fi
