"""Fixtures shared by every test app.

``PORTAL_REQUIRE_SERVICES=1`` (set by ``make test``) turns a missing PostgreSQL or
search engine into a failure instead of a skip, so CI never passes by skipping.
"""

import os

import pytest
from django.conf import settings
from django.core.management import call_command


def _require(condition: bool, what: str) -> None:
    if condition:
        return
    if (
        os.environ.get("PORTAL_REQUIRE_SERVICES") == "1"
        or os.environ.get("CI") == "true"
    ):
        pytest.fail(f"{what} is required in this run but is not configured")
    pytest.skip(f"{what} not configured")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("engine"):
            item.fixturenames.insert(0, "_needs_engine")
        if item.get_closest_marker("postgres"):
            item.fixturenames.insert(0, "_needs_postgres")
        if "transactional_db" in item.fixturenames:
            item.fixturenames.insert(0, "_no_open_demo")
    # The demo is seeded once per session (per xdist worker) in a transaction kept
    # open (see DemoSeed): the tests without it run first, those with it next, the
    # transactional ones (which flush the database) last — those restoring the
    # migrated data (serialized rollback) before the others: after a plain flush,
    # post_migrate recreates the editor groups under new ids, and restoring the
    # serialized groups would then clash on their names.
    items.sort(key=_run_order)


def _run_order(item) -> int:
    if "django_db_serialized_rollback" in item.fixturenames:
        return 2
    if "transactional_db" in item.fixturenames:
        return 3
    if "demo_seed" in item.fixturenames:
        return 1
    return 0


def engine_indexing_disabled(backends: dict) -> dict:
    """``WAGTAILSEARCH_BACKENDS`` with the engine's automatic index updates off."""
    from copy import deepcopy

    backends = deepcopy(backends)
    if "database" in backends:  # the engine is the default backend
        backends["default"]["AUTO_UPDATE"] = False
    return backends


@pytest.fixture(autouse=True)
def _engine_indexing_only_where_tested(request, settings):
    """Saving a record indexes it in the engine over HTTP; tests that are not about
    search skip that (the database backend still indexes)."""
    if not settings.SEARCH_URL or any(
        request.node.get_closest_marker(name)
        for name in ("engine", "search", "browser")
    ):
        return
    settings.WAGTAILSEARCH_BACKENDS = engine_indexing_disabled(
        settings.WAGTAILSEARCH_BACKENDS
    )


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request through the locale
    middleware leaves its language active in the thread, and the next test run
    by the same worker would otherwise inherit it."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters, map markers and Wagtail's cached lookups start empty in
    each test: a test's data is rolled back, a process-memory cache is not. A
    database cache needs no clearing: its rows are rolled back with the test."""
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    for alias in settings.CACHES:
        if not isinstance(caches[alias], DatabaseCache):
            caches[alias].clear()


def login_verified(client, user) -> None:
    """``client.force_login(user)`` and, as a login with a code would, a confirmed
    TOTP device marked verified in the session: administrators and federation
    editors get past the two-factor check (see ``core.two_factor``)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def totp_code(device) -> str:
    """The code an authenticator app shows now for ``device`` (a TOTPDevice)."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def verified_login():
    """:func:`login_verified`, for tests that log editors into the admin."""
    return login_verified


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's ``admin_client``, past the two-factor check."""
    from django.test import Client

    client = Client()
    login_verified(client, admin_user)
    return client


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's test database setup, except that the default database is
    always created: the browser tests reach it through a session-wide live server
    (see ``tests/browser/conftest.py``) rather than through a ``db`` fixture."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    if not django_db_use_migrations:
        _disable_migrations()
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    keepdb = django_db_keepdb and not django_db_createdb
    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        config = setup_databases(
            verbosity=verbosity,
            interactive=False,
            aliases=set(aliases) | {"default"},
            serialized_aliases=serialized_aliases,
            keepdb=keepdb,
        )
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(config, verbosity=verbosity)


@pytest.fixture
def _needs_engine():
    _require(bool(settings.SEARCH_URL), "A search engine (SEARCH_URL)")


@pytest.fixture
def _needs_postgres():
    _require(
        settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql",
        "PostgreSQL (DATABASE_URL)",
    )


def seed_demo_quietly() -> None:
    """``seed_demo`` without sending every record to the engine one by one (the
    pages are indexed in bulk by :func:`rebuild_page_index` where a test needs it)."""
    from django.test import override_settings

    backends = engine_indexing_disabled(settings.WAGTAILSEARCH_BACKENDS)
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        call_command("seed_demo", stdout=open(os.devnull, "w"))


def rebuild_page_index(with_directory: bool = False) -> None:
    """Rebuild the CMS pages' index (``with_directory``: every index) in every
    backend that needs rebuilding (the engine; the database backend follows saves)."""
    from modelsearch.index import get_indexed_models
    from modelsearch.management.commands.rebuild_modelsearch_index import (
        group_models_by_index,
    )
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    page_models = [
        model
        for model in get_indexed_models()
        if with_directory or issubclass(model, Page)
    ]
    for name in settings.WAGTAILSEARCH_BACKENDS:
        backend = get_search_backend(name)
        if not backend.rebuilder_class:
            continue
        for index, models in group_models_by_index(backend, page_models).items():
            rebuilder = backend.rebuilder_class(index)
            new_index = rebuilder.start()
            for model in models:
                new_index.add_model(model)
            for model in models:
                new_index.add_items(model, list(model.get_indexed_objects()))
            rebuilder.finish()


@pytest.fixture(scope="session")
def demo_media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(autouse=True)
def _isolated_media(settings, demo_media_root):
    """Every test writes and reads files in a temporary media folder, never in
    var/media (a clean clone has none of the development site's files)."""
    settings.MEDIA_ROOT = str(demo_media_root)


class DemoSeed:
    """``seed_demo`` in a transaction left open, so that tests run in savepoints on
    top of it and what a test changes is undone after it.

    Seeding takes seconds, so it is done once per session (per xdist worker) and
    kept until a transactional test, which must see a committed database, closes
    it (``_run_order`` runs those last). Its files go to a temporary media folder.
    """

    def __init__(self, blocker, media_root) -> None:
        self.blocker = blocker
        self.media_root = str(media_root)
        self.atomic = None

    def ensure(self) -> None:
        from django.db import transaction
        from django.test import TestCase, override_settings

        if self.atomic is not None:
            return
        with self.blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                backends = engine_indexing_disabled(settings.WAGTAILSEARCH_BACKENDS)
                with (
                    override_settings(
                        WAGTAILSEARCH_BACKENDS=backends, MEDIA_ROOT=self.media_root
                    ),
                    TestCase.captureOnCommitCallbacks(execute=True),
                ):
                    call_command("seed_demo", stdout=open(os.devnull, "w"))
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        self.atomic = atomic

    def close(self) -> None:
        from django.db import transaction

        if self.atomic is None:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic = None


@pytest.fixture(scope="session")
def _demo_seeder(django_db_setup, django_db_blocker, demo_media_root):
    seeder = DemoSeed(django_db_blocker, demo_media_root)
    yield seeder
    seeder.close()


@pytest.fixture(scope="module")
def demo_seed(_demo_seeder):
    """The demo content of ``seed_demo`` (see :class:`DemoSeed`). Module-scoped so
    that it is in place before a test's own transaction opens, and seeded again
    for the next module if a transactional test closed it."""
    _demo_seeder.ensure()
    return _demo_seeder


@pytest.fixture
def _no_open_demo(_demo_seeder):
    """A transactional test commits and flushes: the demo's transaction is closed."""
    _demo_seeder.close()


@pytest.fixture
def demo_site(demo_seed, db, settings, demo_media_root):
    """The bilingual demo site of ``seed_demo``."""
    from portal.models import HomePage

    settings.MEDIA_ROOT = str(demo_media_root)
    return HomePage.objects.get()


@pytest.fixture(scope="module")
def _indexed_demo_module(demo_seed, django_db_blocker):
    """Every index rebuilt once per test module, on the demo data (a rebuild takes
    seconds; tests that add records index them themselves)."""
    with django_db_blocker.unblock():
        rebuild_page_index(with_directory=True)


@pytest.fixture
def indexed_demo_site(demo_site, _indexed_demo_module):
    """The demo site, indexed in every configured backend."""
    return demo_site


@pytest.fixture
def indexed_demo_everything(demo_site, _indexed_demo_module):
    """The demo site with its directory, pages and records indexed everywhere."""
    return demo_site


@pytest.fixture
def unused_tcp_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session", autouse=True)
def _drop_test_indexes():
    """Remove the indexes this run created in the engine."""
    yield
    if not settings.SEARCH_URL:
        return
    import requests

    prefix = settings.SEARCH_INDEX_PREFIX
    try:
        listing = requests.get(
            f"{settings.SEARCH_URL}/_cat/indices/{prefix}_*?format=json", timeout=10
        ).json()
        for index in listing:
            requests.delete(f"{settings.SEARCH_URL}/{index['index']}", timeout=30)
    except (requests.RequestException, ValueError, TypeError):
        pass
