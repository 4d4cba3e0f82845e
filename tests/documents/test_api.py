"""``/api/v1/documents/…``: publications and fiches as JSON."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from directory.models import Category
from documents.models import Authority
from tests.documents.factories import PublicationAuthorFactory, PublicationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.api]


@pytest.fixture
def publications():
    memorandum = PublicationFactory(
        external_id="fdss-2024", kind="memorandum", title_fr="Mémorandum", year=2024
    )
    memorandum.themes.set(Category.objects.filter(slug="cap"))
    memorandum.save()
    PublicationAuthorFactory(publication=memorandum, family_name="Dumont")
    PublicationFactory(external_id="cbcs-2017", kind="report", year=2017)
    hidden = PublicationFactory(external_id="draft", year=2020)
    hidden.live = False
    hidden.save()
    return memorandum


def test_list_and_filters(client, publications):
    response = client.get("/api/v1/documents/publications")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    assert {r["external_id"] for r in data["results"]} == {"fdss-2024", "cbcs-2017"}
    filtered = client.get(
        "/api/v1/documents/publications",
        {"theme": "aide-sociale-generale", "year_from": "2020"},
    ).json()
    (only,) = filtered["results"]
    assert only["external_id"] == "fdss-2024"
    assert only["authors"] == ["Marc Dumont"]
    assert only["themes"] == ["cap"]
    assert (
        only["citations"]["bibtex"].endswith("/cite/bibtex/")
        or "bibtex" in (only["citations"]["bibtex"])
    )


def test_one_publication_and_its_404(client, publications):
    response = client.get("/api/v1/documents/publications/fdss-2024")
    assert response.status_code == 200
    assert response.json()["kind"] == "memorandum"
    for language in ("fr", "nl"):
        missing = client.get("/api/v1/documents/publications/draft", {"lang": language})
        assert missing.status_code == 404
        with translation.override(language):
            expected = gettext("No publication has the identifier “%(value)s”.") % {
                "value": "draft"
            }
        assert missing.json()["detail"] == expected


@pytest.mark.parametrize(
    "params",
    [{"kind": "poem"}, {"year_from": "abc"}, {"page": "0"}, {"page": "1001"}],
)
def test_bad_parameters_are_a_400_in_the_requested_language(
    client, publications, params
):
    for language in ("fr", "nl"):
        response = client.get(
            "/api/v1/documents/publications", {**params, "lang": language}
        )
        assert response.status_code == 400
        assert response.json()["detail"]


def test_past_the_last_page_is_an_empty_list(client, publications):
    response = client.get("/api/v1/documents/publications", {"page": "9"})
    assert response.status_code == 200
    assert response.json()["results"] == []
    assert response.json()["count"] > 0


def test_fiches_endpoint_validates_the_authority(client, db):
    assert client.get("/api/v1/documents/fiches").json() == []
    response = client.get("/api/v1/documents/fiches", {"authority": "moon"})
    assert response.status_code == 400
    assert "cocom" in response.json()["detail"]
    assert "cocom" in Authority.values
