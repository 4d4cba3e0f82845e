"""Rate limits: one count for all workers, the client address from a configured
proxy only, and a translated 429."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import RequestFactory

from core import ratelimit

pytestmark = pytest.mark.smoke

ROOT = Path(django_settings.BASE_DIR)


def _request(remote="203.0.113.7", **meta):
    return RequestFactory().get("/fr/", REMOTE_ADDR=remote, **meta)


def test_the_forwarded_header_is_ignored_unless_configured(settings):
    settings.TRUSTED_PROXY_HEADER = ""
    request = _request(HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert ratelimit.client_address(request) == "203.0.113.7"


def test_the_configured_proxy_header_gives_the_client(settings):
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.TRUSTED_PROXY_COUNT = 1
    # The visitor wrote the first entry; our proxy appended the address it saw.
    request = _request(remote="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.9")
    assert ratelimit.client_address(request) == "198.51.100.9"
    settings.TRUSTED_PROXY_COUNT = 2  # a CDN in front of our proxy
    request = _request(
        remote="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.9, 10.0.0.1"
    )
    assert ratelimit.client_address(request) == "198.51.100.9"
    # Fewer entries than trusted proxies: the connection's address.
    assert ratelimit.client_address(_request(remote="10.0.0.2")) == "10.0.0.2"


def test_ipv6_clients_count_per_network():
    one = _request(remote="2001:db8:1:2:aaaa::1")
    two = _request(remote="2001:db8:1:2:bbbb::9")
    assert ratelimit.client_address(one) == ratelimit.client_address(two)
    assert ratelimit.client_address(one) == "2001:db8:1:2::"


def test_a_limit_counts_and_says_when_to_retry():
    limit = ratelimit.Limit("test-count", 3, 60)
    verdicts = [ratelimit.hit(limit, "someone", now=1_000_000.0) for _ in range(4)]
    assert [v.allowed for v in verdicts] == [True, True, True, False]
    assert verdicts[-1].retry_after == 20  # the minute ends at 1,000,020
    assert ratelimit.hit(limit, "someone else", now=1_000_000.0).allowed
    assert ratelimit.hit(limit, "someone", now=1_000_020.0).allowed  # next window


@pytest.mark.django_db
def test_database_cache_counters_last_their_whole_window(settings):
    """Django's database cache writes an incremented value back with the default
    timeout (300 s): an hourly counter must not be forgotten after 5 minutes."""
    import time

    from django.core.cache import caches
    from django.db import connection

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache_window",
        }
    }
    call_command("createcachetable")
    limit = ratelimit.Limit("test-window", 5, 3600)
    now = time.time()
    for _ in range(3):
        verdict = ratelimit.hit(limit, "198.51.100.5", now=now)
    assert verdict.count == 3
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM portal_cache_window")
        (expires,) = cursor.fetchone()
    cache = caches["default"]
    if isinstance(expires, str):  # SQLite returns text
        from django.utils.dateparse import parse_datetime

        expires = parse_datetime(expires)
    if expires.tzinfo is None:  # stored in UTC
        from datetime import UTC

        expires = expires.replace(tzinfo=UTC)
    remaining = expires.timestamp() - now
    assert remaining >= verdict.retry_after - 5
    assert cache.get(ratelimit._cache_key(limit, "198.51.100.5", int(now // 3600))) == 3


_HIT_SCRIPT = """
import django, json, sys
django.setup()
from django.core.management import call_command
call_command("createcachetable")
from core import ratelimit
limit = ratelimit.Limit("shared-test", 5, 3600)
# One fixed moment in the middle of a window: with the clock, the two processes
# could straddle the hour and count in two different windows.
now = 1_800_001_800.0
hits = [ratelimit.hit(limit, "198.51.100.4", now=now) for _ in range(3)]
print(json.dumps([verdict.allowed for verdict in hits]))
"""


def test_workers_share_the_counts_through_the_database_cache(tmp_path):
    """Two processes (two gunicorn workers) with the default database cache: the
    second sees the first one's hits."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "CACHE_URL": "dbcache://portal_cache",
        "PORTAL_ENV": "development",
        "LOG_LEVEL": "WARNING",
    }
    runs = [
        subprocess.run(
            [sys.executable, "-c", _HIT_SCRIPT],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        for _ in range(2)
    ]
    first, second = (json.loads(run.stdout.strip().splitlines()[-1]) for run in runs)
    assert first == [True, True, True]
    assert second == [True, True, False]


def test_the_default_cache_is_the_shared_database_cache():
    """Without CACHE_URL the settings choose the database cache, not each
    process's own memory."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.CACHES['default']['BACKEND'])",
        ],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k != "CACHE_URL"},
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "PORTAL_ENV": "development",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.strip() == "django.core.cache.backends.db.DatabaseCache"


def test_the_cache_table_is_created_by_the_migrations(transactional_db, settings):
    """A fresh database gets the database cache's table from ``migrate``."""
    from importlib import import_module

    from django.db import connection

    migration = import_module("portal.migrations.0002_cache_table")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache_probe",
        }
    }
    try:
        with connection.schema_editor() as editor:
            migration.create_cache_table(None, editor)
        assert "portal_cache_probe" in connection.introspection.table_names()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS portal_cache_probe")


@pytest.mark.parametrize(
    ("language", "words"),
    [("fr", "Trop de requêtes"), ("nl", "Te veel verzoeken")],
)
@pytest.mark.django_db
def test_the_429_page_is_translated(language, words):
    from django.utils import translation

    request = RequestFactory().get(f"/{language}/")
    with translation.override(language):
        response = ratelimit.too_many_requests(request, retry_after=125)
    assert response.status_code == 429
    assert response["Retry-After"] == "125"
    html = response.content.decode()
    assert words in html and "3" in html  # three minutes
    assert f'lang="{language}"' in html


def test_the_api_gets_a_json_429():
    from django.utils import translation

    request = RequestFactory().get("/api/v1/organisations/")
    with translation.override("nl"):
        response = ratelimit.too_many_requests(request, retry_after=30)
    assert response.status_code == 429
    assert response["Retry-After"] == "30"
    assert json.loads(response.content) == {
        "detail": "Te veel verzoeken. Probeer het later opnieuw.",
        "retry_after": 30,
    }
