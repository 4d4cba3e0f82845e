"""Settings read from the environment, the production guard, docker-compose."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings

pytestmark = pytest.mark.smoke
ROOT = Path(settings.BASE_DIR)


def _settings_in_subprocess(env: dict, expr: str) -> subprocess.CompletedProcess:
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings';"
        f"from django.conf import settings; print({expr})"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "SEARCH_URL",
            "PORTAL_ENV",
            "SECRET_KEY",
            "DEBUG",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "MAP_TILES_URL",
        }
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_defaults_are_embedded():
    result = _settings_in_subprocess(
        {},
        "settings.DATABASES['default']['ENGINE'], "
        "settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND'], settings.GEOCODER, "
        "repr(settings.MAP_TILES_URL)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "search.backends.database",
        "offline",
        "'https://tile.openstreetmap.org/{z}/{x}/{y}.png'",
    ]


@pytest.mark.parametrize(("value", "expected"), [("none", "''"), ("off", "''")])
def test_map_tiles_can_be_turned_off(value, expected):
    result = _settings_in_subprocess(
        {"MAP_TILES_URL": value},
        "repr(settings.MAP_TILES_URL), "
        "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == expected
    assert "openstreetmap" not in result.stdout


def test_environment_selects_postgres_and_engine():
    result = _settings_in_subprocess(
        {
            "DATABASE_URL": "postgres://u:p@db:5432/portal",
            "SEARCH_URL": "http://search:9200",
        },
        "settings.DATABASES['default']['ENGINE'], "
        "settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND'], "
        "settings.WAGTAILSEARCH_BACKENDS['database']['BACKEND']",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "search.backends.auto",
        "search.backends.database",
    ]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PORTAL_ENV": "production", "DEBUG": "off"}, "SECRET_KEY"),
        ({"PORTAL_ENV": "production", "SECRET_KEY": "x" * 60, "DEBUG": "on"}, "DEBUG"),
    ],
)
def test_production_refuses_unsafe_settings(env, message):
    result = _settings_in_subprocess(env, "settings.DEBUG")
    assert result.returncode != 0
    assert message in result.stderr


SAFE_KEY = "k" * 20 + "Zq9!x" * 10


@pytest.mark.parametrize(
    "value", ["prod", "Production", "production ", " production", "PRODUCTION", ""]
)
def test_unknown_environment_refuses_to_start(value):
    """A misspelt PORTAL_ENV must not start in DEBUG with the development key."""
    result = _settings_in_subprocess(
        {"PORTAL_ENV": value, "SECRET_KEY": SAFE_KEY}, "settings.DEBUG"
    )
    assert result.returncode != 0, result.stdout
    assert "PORTAL_ENV" in result.stderr
    assert "True" not in result.stdout


@pytest.mark.parametrize("hosts", ["*", "portal.example,*", "*.portal.example", ","])
def test_production_refuses_wildcard_hosts(hosts):
    result = _settings_in_subprocess(
        {
            "PORTAL_ENV": "production",
            "SECRET_KEY": SAFE_KEY,
            "DEBUG": "off",
            "ALLOWED_HOSTS": hosts,
        },
        "settings.ALLOWED_HOSTS",
    )
    assert result.returncode != 0, result.stdout
    assert "ALLOWED_HOSTS" in result.stderr


def test_known_environments_start():
    for value, debug in (("development", "True"), ("production", "False")):
        result = _settings_in_subprocess(
            {
                "PORTAL_ENV": value,
                "SECRET_KEY": SAFE_KEY,
                "ALLOWED_HOSTS": "portal.example",
            },
            "settings.DEBUG",
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == [debug]


def test_production_refuses_deploy_warnings():
    env = {
        "PORTAL_ENV": "production",
        "SECRET_KEY": "k" * 20 + "Zq9!x" * 10,
        "DEBUG": "off",
        "SECURE_SSL_REDIRECT": "off",
        "ALLOWED_HOSTS": "portal.example",
    }
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings';"
        "import config.wsgi"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SEARCH_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean.update(env)
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "security.W008" in result.stderr  # SECURE_SSL_REDIRECT off


def test_production_starts_when_safe():
    env = {
        "PORTAL_ENV": "production",
        "SECRET_KEY": "k" * 20 + "Zq9!x" * 10,
        "DEBUG": "off",
        "ALLOWED_HOSTS": "portal.example",
    }
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings';"
        "import config.wsgi; print('started')"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SEARCH_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean.update(env)
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_docker_compose_matches_settings():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "worker", "db", "search"} <= set(services)
    assert services["db"]["image"].startswith("postgres:16")
    assert services["search"]["image"].startswith("opensearchproject/opensearch:")
    assert "ports" not in services["search"], "the engine stays on the internal network"
    for name in ("web", "worker", "db", "search"):
        assert "healthcheck" in services[name], name
    read_by_settings = set(
        re.findall(
            r'env\.\w+\(\s*"([A-Z_]+)"', (ROOT / "config/settings.py").read_text()
        )
    )
    for name in ("web", "worker"):
        environment = services[name]["environment"]
        keys = set(
            environment
            if isinstance(environment, dict)
            else [item.split("=", 1)[0] for item in environment]
        )
        assert keys <= read_by_settings, keys - read_by_settings
        for required in (
            "DATABASE_URL",
            "SEARCH_URL",
            "SECRET_KEY",
            "PORTAL_ENV",
            "ALLOWED_HOSTS",
            "EMAIL_URL",
            "GEOCODER",
        ):
            assert required in keys, (name, required)
        assert str(environment["PORTAL_ENV"]) == "production"
    assert set(compose["volumes"]) >= {"db-data", "search-data", "media"}
