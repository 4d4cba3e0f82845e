"""SQLite (development and the demo) runs in WAL mode with a busy timeout: the web
process and the worker write to the same file."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.smoke


def test_sqlite_connections_use_wal_and_a_busy_timeout(tmp_path):
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings';"
        "django.setup();"
        "from django.db import connection;"
        "cursor = connection.cursor();"
        "print(cursor.execute('PRAGMA journal_mode').fetchone()[0]);"
        "print(cursor.execute('PRAGMA busy_timeout').fetchone()[0])"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "PORTAL_ENV", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'wal.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "20000"]
