#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on a free loopback port, for the test suite.
#   scripts/postgres.sh start   -> prints DATABASE_URL=postgres://...
#   scripts/postgres.sh stop
# The cluster lives in var/postgres (data owned by the `postgres` user when run as root,
# since PostgreSQL refuses to run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
STATE="$ROOT/var/postgres"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
    if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
        echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2
        exit 1
    fi
    stop >/dev/null 2>&1 || true
    mkdir -p "$STATE"
    DATA="$(mktemp -d /tmp/portal-pg.XXXXXX)"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DATA"; fi
    PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    echo "$DATA" > "$STATE/datadir"
    as_owner "$PGBIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$STATE/initdb.log" 2>&1 \
        || { cat "$STATE/initdb.log" >&2; exit 1; }
    as_owner "$PGBIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
        -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60" \
        start >&2 || { cat "$DATA/server.log" >&2; exit 1; }
    "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qAt -c "CREATE DATABASE portal" >&2
    echo "$PORT" > "$STATE/port"
    echo "DATABASE_URL=postgres://postgres@127.0.0.1:$PORT/portal"
}

stop() {
    [ -f "$STATE/datadir" ] || return 0
    DATA="$(cat "$STATE/datadir")"
    if [ -d "$DATA" ]; then
        as_owner "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop >&2 || true
        rm -rf "$DATA"
    fi
    rm -f "$STATE/datadir" "$STATE/port"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
