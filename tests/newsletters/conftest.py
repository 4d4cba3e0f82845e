import pytest


@pytest.fixture
def mutmail(demo_seed, db):
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
