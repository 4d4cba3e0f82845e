import os

import pytest
from django.core.management import call_command


@pytest.fixture
def demo_directory(db, django_capture_on_commit_callbacks):
    """The demo site with its directory, geocoded (tasks run on commit)."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
