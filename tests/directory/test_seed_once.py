"""`make run` seeds a new site only: a restart keeps what editors changed."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from directory.models import Organisation

pytestmark = [pytest.mark.django_db]


def test_seed_if_empty_keeps_editors_changes(demo_directory):
    organisation = Organisation.objects.get(external_id="cpas-schaerbeek")
    Organisation.objects.filter(pk=organisation.pk).update(
        name_fr="CPAS de Schaerbeek (renommé par un éditeur)"
    )
    out = io.StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert "already present" in out.getvalue()
    organisation.refresh_from_db()
    assert organisation.name_fr == "CPAS de Schaerbeek (renommé par un éditeur)"


def test_make_run_seeds_only_an_empty_site():
    script = (Path(settings.BASE_DIR) / "scripts" / "run.sh").read_text()
    seeding = [line for line in script.splitlines() if "seed_demo" in line]
    assert seeding and all("--if-empty" in line for line in seeding)
