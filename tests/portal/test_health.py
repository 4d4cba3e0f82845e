import pytest
from django.db import connection

pytestmark = [pytest.mark.django_db, pytest.mark.api, pytest.mark.smoke]


def test_healthz_reports_database_and_search(client, settings):
    payload = client.get("/healthz").json()
    assert payload["database"]["ok"] is True
    assert payload["database"]["vendor"] == connection.vendor
    if settings.SEARCH_URL:
        assert payload["status"] == "ok"
        assert payload["search"]["backend"] in {"opensearch", "elasticsearch"}
        assert payload["search"]["version"]
    else:
        assert payload == {
            "status": "ok",
            "database": {"vendor": connection.vendor, "ok": True},
            "static": {"manifest": False, "ok": True},
            "search": {"backend": "database", "version": None, "answering": "database"},
        }


def test_healthz_degraded_when_engine_unreachable(client, settings, unused_tcp_port):
    settings.SEARCH_URL = f"http://127.0.0.1:{unused_tcp_port}"
    response = client.get("/healthz")
    assert response.status_code == 200
    payload = response.json()
    assert payload["status"] == "degraded"
    assert payload["search"]["backend"] == "database"
    assert payload["search"]["engine_reachable"] is False


def test_healthz_down_without_database(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(self, *args, **kwargs):
        raise connection.Database.OperationalError("gone")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "down"
