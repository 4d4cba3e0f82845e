#!/usr/bin/env bash
# `make test`: start PostgreSQL and OpenSearch for real, run the whole suite against
# them (browser tests in Debian's Chromium included), then a SQLite pass without a
# search engine. Stops what it started, also on failure. A service that fails to
# start fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PY="${PYTHON:-.venv/bin/python}"
PYTEST=("$PY" -m pytest)
SQLITE_ONLY=0
[ "${1:-}" = "--sqlite-only" ] && SQLITE_ONLY=1

log() { printf '\n==> %s\n' "$*"; }

run_pytest() {
    # pytest's exit code 5 ("no tests collected") is a failure here: every pass
    # must run tests.
    local code=0
    "${PYTEST[@]}" "$@" || code=$?
    if [ "$code" = 5 ]; then echo "No test was collected for: $*" >&2; fi
    return "$code"
}

ensure_debian_packages() {
    local missing=()
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
    # Documentation centre: OCR of scanned PDFs in French and Dutch; Pango for
    # WeasyPrint (fiche PDFs).
    command -v ocrmypdf >/dev/null 2>&1 || missing+=(ocrmypdf)
    ls /usr/share/tesseract-ocr/*/tessdata/fra.traineddata >/dev/null 2>&1 || missing+=(tesseract-ocr-fra)
    ls /usr/share/tesseract-ocr/*/tessdata/nld.traineddata >/dev/null 2>&1 || missing+=(tesseract-ocr-nld)
    ldconfig -p 2>/dev/null | grep libpangoft2-1.0 >/dev/null || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
    if [ "${#missing[@]}" -gt 0 ]; then
        log "Installing Debian packages: ${missing[*]}"
        local sudo=""
        [ "$(id -u)" = 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

cleanup() {
    # A subshell: `set +e` must not leak into the rest of the script, or a failing
    # pass after a cleanup would no longer fail the run.
    (
        set +e
        if [ "${STARTED_ENGINE:-0}" = 1 ]; then bash search/dev_node/stop.sh >/dev/null 2>&1; fi
        if [ "${STARTED_PG:-0}" = 1 ]; then bash scripts/postgres.sh stop >/dev/null 2>&1; fi
    )
}
trap cleanup EXIT INT TERM

log "Lint (ruff) and Django checks"
"$PY" -m ruff check .
"$PY" -m ruff format --check .
"$PY" manage.py check
"$PY" manage.py makemigrations --check --dry-run --noinput

log "Translations"
"$PY" manage.py compile_catalogues

sqlite_pass() {
    log "SQLite pass: smoke, search and API tests, no search engine"
    env -u DATABASE_URL -u SEARCH_URL PORTAL_TEST_PASS=sqlite \
        "${PYTEST[@]}" -m "(smoke or search or api) and not engine and not postgres and not browser and not engine_outage" -p no:cacheprovider -n 2
}

if [ "$SQLITE_ONLY" = 1 ]; then
    sqlite_pass
    exit 0
fi

ensure_debian_packages

log "Starting PostgreSQL"
STARTED_PG=1
DB_LINE="$(bash scripts/postgres.sh start)"
export "${DB_LINE?}"
echo "PostgreSQL: ${DATABASE_URL}"
"$PY" - <<'PYEOF'
import os, psycopg
with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
    print("PostgreSQL version:", conn.execute("SHOW server_version").fetchone()[0])
PYEOF

log "Starting OpenSearch"
STARTED_ENGINE=1
ENGINE_LINE="$(bash search/dev_node/start.sh)"
export "${ENGINE_LINE?}"
"$PY" - <<'PYEOF'
import os, requests
info = requests.get(os.environ["SEARCH_URL"], timeout=10).json()
version = info["version"]
engine = "OpenSearch" if version.get("distribution") == "opensearch" else "Elasticsearch"
print(f"Search engine: {engine} {version['number']} at {os.environ['SEARCH_URL']}")
PYEOF
export SEARCH_INDEX_PREFIX="test$$"
export PORTAL_TEST_PASS=full
export PORTAL_REQUIRE_SERVICES=1

log "Full pass: PostgreSQL + OpenSearch (all tests but the browser ones)"
run_pytest -m "not browser and not engine_outage" -p no:cacheprovider -n 2

log "Outage pass: the engine is stopped and restarted in the middle of the suite"
PORTAL_ENGINE_RESTARTABLE=1 run_pytest -m engine_outage -p no:cacheprovider

log "Browser pass: Chromium via Playwright, PostgreSQL + OpenSearch"
run_pytest -m browser -p no:cacheprovider

cleanup
STARTED_ENGINE=0
STARTED_PG=0
sqlite_pass
log "All passes green"
