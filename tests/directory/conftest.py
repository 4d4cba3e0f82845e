import os

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings

from tests.conftest import engine_indexing_disabled


@pytest.fixture(scope="module")
def _demo_directory_module(django_db_setup, django_db_blocker):
    """Seed the demo once per test module, inside a transaction rolled back at the
    module's end; each test runs in its own savepoint on top of it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            backends = engine_indexing_disabled(settings.WAGTAILSEARCH_BACKENDS)
            with (
                override_settings(WAGTAILSEARCH_BACKENDS=backends),
                TestCase.captureOnCommitCallbacks(execute=True),
            ):
                call_command("seed_demo", stdout=open(os.devnull, "w"))
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo_directory(_demo_directory_module, db):
    """The demo site with its directory, geocoded."""
