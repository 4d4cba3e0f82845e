#!/usr/bin/env bash
# Set up the embedded portal (SQLite, database search backend) and serve it.
# Called by `make run`; starts the task worker beside the web server.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
# Links in e-mails point where this portal answers (not to another port).
export PORTAL_BASE_URL="${PORTAL_BASE_URL:-http://$HOST:$PORT}"

# Documentation centre: OCR of scanned PDFs (French, Dutch) and Pango for the fiche
# PDFs (WeasyPrint). Installed when we may; without them scans are flagged
# image-only and fiche PDFs are unavailable, the rest works.
documents_packages() {
    local missing=()
    command -v ocrmypdf >/dev/null 2>&1 || missing+=(ocrmypdf)
    ls /usr/share/tesseract-ocr/*/tessdata/fra.traineddata >/dev/null 2>&1 || missing+=(tesseract-ocr-fra)
    ls /usr/share/tesseract-ocr/*/tessdata/nld.traineddata >/dev/null 2>&1 || missing+=(tesseract-ocr-nld)
    ldconfig -p 2>/dev/null | grep libpangoft2-1.0 >/dev/null || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
    [ "${#missing[@]}" -gt 0 ] || return 0
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"; else
            echo "Optional Debian packages missing (install them for OCR and fiche PDFs): ${missing[*]}" >&2
            return 0
        fi
    fi
    command -v apt-get >/dev/null 2>&1 || return 0
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        || echo "Could not install ${missing[*]}: OCR or fiche PDFs will be unavailable." >&2
}
documents_packages

"$PY" manage.py migrate --noinput
"$PY" manage.py createcachetable
"$PY" manage.py compile_catalogues
"$PY" manage.py collectstatic --noinput -v 0
# Seeds a new site only: editors' changes survive a restart.
"$PY" manage.py seed_demo --if-empty
"$PY" manage.py create_admin
"$PY" manage.py update_index

"$PY" manage.py worker &
WORKER=$!
trap 'kill "$WORKER" 2>/dev/null || true; wait "$WORKER" 2>/dev/null || true' EXIT INT TERM

echo "Portal: http://$HOST:$PORT/fr/ · http://$HOST:$PORT/nl/ · admin: http://$HOST:$PORT/admin/"
"$PY" manage.py runserver "$HOST:$PORT" --noreload
