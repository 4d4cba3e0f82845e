import pytest


@pytest.fixture
def demo_directory(demo_seed, db):
    """The demo site with its directory, geocoded."""
