"""``/healthz`` answers 503 when a page cannot be served, and the container's
probe gets 200 from a healthy portal with the production settings."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings

from config.healthprobe import probe_headers

pytestmark = [pytest.mark.django_db, pytest.mark.api, pytest.mark.smoke]

ROOT = Path(__file__).resolve().parents[2]
MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}


def test_healthy_with_a_manifest_naming_the_assets(client, tmp_path):
    (tmp_path / "staticfiles.json").write_text(
        json.dumps(
            {"version": "1.1", "paths": {"portal/favicon.svg": "portal/favicon.1.svg"}}
        )
    )
    with override_settings(STORAGES=MANIFEST_STORAGE, STATIC_ROOT=str(tmp_path)):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["static"] == {"manifest": True, "ok": True}


def test_down_without_the_static_manifest(client, tmp_path):
    with override_settings(STORAGES=MANIFEST_STORAGE, STATIC_ROOT=str(tmp_path)):
        response = client.get("/healthz")
    assert response.status_code == 503
    payload = response.json()
    assert payload["status"] == "down"
    assert payload["static"]["ok"] is False


def test_down_when_the_manifest_lacks_the_pages_assets(client, tmp_path):
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": {"other.css": "other.1.css"}})
    )
    with override_settings(STORAGES=MANIFEST_STORAGE, STATIC_ROOT=str(tmp_path)):
        response = client.get("/healthz")
    assert response.status_code == 503


# How each database is made to refuse writes, as a read-only file or replica would
# (the tests run as root, whom file permissions do not stop).
READ_ONLY = {
    "sqlite": ("PRAGMA query_only = ON", "PRAGMA query_only = OFF"),
    # Outside a test transaction: each of the view's transactions starts read-only.
    "postgresql": (
        "SET default_transaction_read_only = on",
        "SET default_transaction_read_only = off",
    ),
}


def test_down_with_a_read_only_database(client, transactional_db):
    """On the database this pass runs on (SQLite or PostgreSQL), never skipped."""
    on, off = READ_ONLY[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(on)
    try:
        response = client.get("/healthz")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(off)
    assert response.status_code == 503
    payload = response.json()
    assert payload["status"] == "down"
    assert payload["database"]["vendor"] == connection.vendor
    assert payload["database"]["ok"] is False
    assert payload["database"]["error"]


def _production_settings() -> dict:
    """Security settings as ``PORTAL_ENV=production`` loads them (a subprocess:
    the settings module is read once per process)."""
    code = (
        "import json, config.settings as s; print(json.dumps({"
        "'SECURE_SSL_REDIRECT': s.SECURE_SSL_REDIRECT, "
        "'SECURE_REDIRECT_EXEMPT': s.SECURE_REDIRECT_EXEMPT, "
        "'SECURE_PROXY_SSL_HEADER': s.SECURE_PROXY_SSL_HEADER}))"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SEARCH_URL", "DEBUG", "SECURE_SSL_REDIRECT"}
    }
    env.update(
        PORTAL_ENV="production",
        DEBUG="off",
        SECRET_KEY="x" * 64,
        ALLOWED_HOSTS="portail.example.org",
    )
    output = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    loaded = json.loads(output.strip().splitlines()[-1])
    loaded["SECURE_PROXY_SSL_HEADER"] = tuple(loaded["SECURE_PROXY_SSL_HEADER"])
    return loaded


def test_container_probe_gets_200_with_production_settings(client):
    production = _production_settings()
    assert production["SECURE_SSL_REDIRECT"] is True
    with override_settings(ALLOWED_HOSTS=["portail.example.org"], **production):
        headers = probe_headers("portail.example.org")
        response = client.get(
            "/healthz",
            headers={"X-Forwarded-Proto": headers["X-Forwarded-Proto"]},
            HTTP_HOST=headers["Host"],
        )
        assert response.status_code == 200, response
        # Without its forwarded protocol the probe is still not redirected.
        plain = client.get("/healthz", HTTP_HOST=headers["Host"])
        assert plain.status_code == 200
        # Any other plain-HTTP request is.
        assert client.get("/fr/", HTTP_HOST=headers["Host"]).status_code == 301
