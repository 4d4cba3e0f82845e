import pytest


@pytest.fixture
def demo_directory(demo_module, db):
    """The demo site with its directory, geocoded."""
