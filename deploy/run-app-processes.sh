#!/usr/bin/env bash
# Runs the workspace as several app processes on one database, for nginx (deploy/nginx.conf) to
# balance: process n listens on 127.0.0.1:(APP_FIRST_PORT + n - 1). Settings come from the
# environment or .streamlit/secrets.toml (docs/deployment.md). Run it under a supervisor
# (systemd, supervisord, a container): if one process stops, it stops them all and exits
# with that process's status, so the supervisor restarts the set.
#
#   APP_PROCESSES=4 APP_FIRST_PORT=8501 deploy/run-app-processes.sh
set -euo pipefail

cd "$(dirname "$0")/.."
processes=${APP_PROCESSES:-2}
first_port=${APP_FIRST_PORT:-8501}
python=${PYTHON:-.venv/bin/python}

# Migrate once before the processes start (each would also do it, one at a time, under a lock).
"$python" -m research migrate

pids=()
stop_all() { kill "${pids[@]}" 2>/dev/null || true; wait || true; }
trap stop_all EXIT
trap 'exit 143' INT TERM

for ((n = 0; n < processes; n++)); do
  port=$((first_port + n))
  "$python" -m streamlit run research/ui/asgi.py \
    --server.port "$port" --server.address 127.0.0.1 --server.headless true --server.fileWatcherType none &
  pids+=($!)
  echo "app process $((n + 1)) of $processes: pid $!, http://127.0.0.1:$port"
done

status=0
wait -n "${pids[@]}" || status=$?
echo "an app process stopped (status $status); stopping the others" >&2
exit "$status"
