import pytest


@pytest.fixture
def demo(demo_seed, db):
    """The demo site with the documentation centre's publications and fiches."""
    from portal.models import HomePage

    return HomePage.objects.get()
