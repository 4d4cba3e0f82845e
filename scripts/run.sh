#!/usr/bin/env bash
# Set up the embedded portal (SQLite, database search backend) and serve it.
# Called by `make run`; starts the task worker beside the web server.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"

"$PY" manage.py migrate --noinput
"$PY" manage.py compile_catalogues
"$PY" manage.py collectstatic --noinput -v 0
"$PY" manage.py seed_demo
"$PY" manage.py create_admin
"$PY" manage.py update_index

"$PY" manage.py db_worker &
WORKER=$!
trap 'kill "$WORKER" 2>/dev/null || true; wait "$WORKER" 2>/dev/null || true' EXIT INT TERM

echo "Portal: http://$HOST:$PORT/fr/ · http://$HOST:$PORT/nl/ · admin: http://$HOST:$PORT/admin/"
"$PY" manage.py runserver "$HOST:$PORT" --noreload
