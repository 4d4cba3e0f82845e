import os

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings

from tests.conftest import engine_indexing_disabled


@pytest.fixture(scope="module")
def _demo_module(django_db_setup, django_db_blocker):
    """The demo (with Mutmail N° 25-26 and its PDF) seeded once per module, rolled
    back at the module's end; each test runs in a savepoint on top of it."""
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
def mutmail(_demo_module, db):
    from newsletters.models import NewsletterPage

    return NewsletterPage.objects.get(slug_fr="mutmail")


@pytest.fixture
def issue(mutmail):
    from newsletters.models import NewsletterIssuePage

    return NewsletterIssuePage.objects.child_of(mutmail).get(number="25-26")


def add_subscribers(newsletter, count: int, prefix: str = "reader") -> list:
    from django.utils import timezone

    from newsletters.models import Subscriber

    languages = ["fr", "nl", "both"]
    rows = [
        Subscriber(
            newsletter=newsletter,
            email=f"{prefix}{n}@example.org",
            languages=languages[n % 3],
            consent_at=timezone.now(),
        )
        for n in range(count)
    ]
    return Subscriber.objects.bulk_create(rows)
