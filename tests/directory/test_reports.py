"""Visitors report errors; editors of the organisation see them, nobody else."""

import pytest
from django.core.cache import cache

from directory.models import EditorAssignment, ErrorReport, Organisation
from directory.reports import REPORTS_PER_HOUR
from tests.conftest import login_verified

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]

URL = "/fr/organisations/cpas-de-schaerbeek/signaler/"


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_report_is_queued_not_published(client, demo_directory):
    page = client.get("/fr/organisations/cpas-de-schaerbeek/").content.decode()
    assert f'href="{URL}"' in page
    response = client.post(
        URL,
        {
            "message": "Le numéro de téléphone a changé.",
            "contact_email": "",
            "website": "",
        },
    )
    assert response.status_code == 302
    report = ErrorReport.objects.get()
    assert report.organisation.external_id == "cpas-schaerbeek"
    assert report.status == "new" and report.language == "fr"
    follow = client.get(response["Location"]).content.decode()
    assert "Merci" in follow
    assert "Le numéro de téléphone a changé" not in follow


def test_report_on_an_antenna_in_dutch(client, demo_directory):
    url = "/nl/organisaties/cpas-de-schaerbeek/melden/antenne-sociale-helmet/"
    response = client.post(url, {"message": "De openingsuren kloppen niet meer."})
    assert response.status_code == 302
    assert ErrorReport.objects.get().antenna.slug == "antenne-sociale-helmet"


def test_bad_input_keeps_what_was_typed(client, demo_directory):
    response = client.post(URL, {"message": "court", "contact_email": "pas-un-email"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "court" in html and "pas-un-email" in html
    assert 'aria-invalid="true"' in html
    assert ErrorReport.objects.count() == 0


def test_honeypot_is_silently_dropped(client, demo_directory):
    response = client.post(
        URL,
        {"message": "Buy cheap pills now now now", "website": "http://spam.example"},
    )
    assert response.status_code == 302
    assert ErrorReport.objects.count() == 0


def test_rate_limit(client, demo_directory):
    for number in range(REPORTS_PER_HOUR):
        assert (
            client.post(
                URL, {"message": f"Erreur numéro {number} constatée."}
            ).status_code
            == 302
        )
    response = client.post(URL, {"message": "Encore une erreur constatée."})
    assert response.status_code == 429
    assert (
        "réessayer dans une heure" in response.content.decode()
        or "heure" in response.content.decode()
    )
    assert ErrorReport.objects.count() == REPORTS_PER_HOUR


def test_only_the_organisations_editors_see_reports(client, demo_directory):
    from django.contrib.auth.models import Group

    from directory.permissions import FEDERATION_EDITORS
    from tests.factories import UserFactory

    mine = ErrorReport.objects.create(
        organisation=Organisation.objects.get(external_id="cap-westland"),
        message="Adresse erronée pour le CAP.",
    )
    other = ErrorReport.objects.create(
        organisation=Organisation.objects.get(external_id="cpas-liege"),
        message="Horaires erronés à Liège.",
    )
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name=FEDERATION_EDITORS))
    EditorAssignment.objects.create(
        user=editor,
        role="federation_editor",
        organisation=Organisation.objects.get(external_id="fdssb"),
    )
    login_verified(client, editor)
    listing = client.get("/admin/snippets/directory/errorreport/").content.decode()
    assert "CAP Westland" in listing and "CPAS de Liège" not in listing
    assert (
        client.get(f"/admin/snippets/directory/errorreport/edit/{mine.pk}/").status_code
        == 200
    )
    assert client.get(
        f"/admin/snippets/directory/errorreport/edit/{other.pk}/"
    ).status_code in (302, 403)


def test_rate_limit_is_per_visitor_behind_the_proxy(demo_directory, settings):
    """Behind the reverse proxy every request comes from its address: the limit
    follows the address it forwards, and only when that header is configured."""
    from django.test import Client

    settings.TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.TRUSTED_PROXY_COUNT = 1

    def report(visitor):
        client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=visitor)
        return client.post(URL, {"message": "Le numéro de téléphone a changé."})

    for _ in range(REPORTS_PER_HOUR):
        assert report("198.51.100.1").status_code == 302
    refused = report("198.51.100.1")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert report("198.51.100.2").status_code == 302  # another visitor
    # A visitor cannot escape by writing the header: the proxy appends to it.
    assert report("1.2.3.4, 198.51.100.1").status_code == 429
    # Without the setting the header is not believed: one bucket, the proxy's.
    settings.TRUSTED_PROXY_HEADER = ""
    cache.clear()
    for number in range(REPORTS_PER_HOUR):
        assert report(f"198.51.100.{10 + number}").status_code == 302
    assert report("198.51.100.99").status_code == 429
