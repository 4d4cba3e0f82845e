#!/usr/bin/env bash
# Stop the OpenSearch node started by search/dev_node/start.sh and remove its
# data. Idempotent: exits 0 when nothing runs.
#   search/dev_node/stop.sh [--keep-data]   (--keep-data: for a restart with start.sh
#                                          PORT and OPENSEARCH_KEEP_DATA=1)
# Uses the same OPENSEARCH_RUN_DIR as start.sh (default .cache/opensearch/run).
set -euo pipefail

ENGINE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$ENGINE_DIR/../.." && pwd -P)"
RUN_DIR="${OPENSEARCH_RUN_DIR:-$REPO_ROOT/.cache/opensearch/run}"
PID_FILE="$RUN_DIR/node.pid"
URL_FILE="$RUN_DIR/node.url"
BASE_FILE="$RUN_DIR/node.basepath"
MAIN_CLASS=OpenSearchDevNode

log() { echo "[search/dev_node] $*" >&2; }

pid=""
if [ -s "$PID_FILE" ]; then
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
fi
if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
   && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep "$MAIN_CLASS" >/dev/null; then
    log "stopping OpenSearch node (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do          # up to 30 s
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "still running after 30s, sending KILL"
        kill -KILL "$pid" 2>/dev/null || true
        for _ in $(seq 1 20); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
    fi
    log "stopped"
else
    log "no OpenSearch node running"
fi

base=""
[ -s "$BASE_FILE" ] && base="$(cat "$BASE_FILE" 2>/dev/null || true)"
# Only ever delete a data dir inside the run dir; --keep-data keeps it for a
# restart (start.sh PORT with OPENSEARCH_KEEP_DATA=1).
if [ "${1:-}" != "--keep-data" ]; then
    case "$base" in
        "$RUN_DIR"/data-*) rm -rf "$base" ;;
    esac
fi
rm -f "$PID_FILE" "$URL_FILE" "$BASE_FILE"
exit 0
