import os

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings

from tests.conftest import engine_indexing_disabled


@pytest.fixture(scope="session")
def _media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _isolated_media(settings, _media_root):
    """Uploaded files and covers go to a temporary folder, never to var/media."""
    settings.MEDIA_ROOT = str(_media_root)


@pytest.fixture(scope="module")
def _demo_module(django_db_setup, django_db_blocker, _media_root):
    """Seed the demo once per test module, rolled back at the module's end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            backends = engine_indexing_disabled(settings.WAGTAILSEARCH_BACKENDS)
            with (
                override_settings(
                    WAGTAILSEARCH_BACKENDS=backends, MEDIA_ROOT=str(_media_root)
                ),
                TestCase.captureOnCommitCallbacks(execute=True),
            ):
                call_command("seed_demo", stdout=open(os.devnull, "w"))
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(_demo_module, db):
    """The demo site with the documentation centre's publications and fiches."""
    from portal.models import HomePage

    return HomePage.objects.get()
