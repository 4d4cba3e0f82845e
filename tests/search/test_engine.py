"""Against the real OpenSearch (or Elasticsearch) node named by SEARCH_URL."""

import pytest
from django.test import override_settings
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.node import OPENSEARCH, probe
from search.services import search

pytestmark = [pytest.mark.django_db, pytest.mark.engine, pytest.mark.search]


def test_node_is_identified(settings):
    info = probe(settings.SEARCH_URL)
    assert info.name == OPENSEARCH
    assert info.major >= 2
    print(f"engine: {info.name} {info.version}")


def test_wagtail_backend_fits_the_node(settings):
    backend = get_search_backend("default")
    info = probe(settings.SEARCH_URL)
    expected = (
        "OpenSearch3SearchBackend" if info.major >= 3 else "OpenSearch2SearchBackend"
    )
    bases = {cls.__name__ for cls in type(backend).__mro__}
    assert expected in bases or "OpenSearch3SearchBackend" in bases
    assert type(backend).__name__.startswith("Portal")
    assert backend.engine_info == info


def test_pages_are_searched_in_the_engine(indexed_demo_site):
    backend = get_search_backend("default")
    hits = list(backend.search("toegankelijk", Page.objects.live().specific()))
    assert "Déclaration d'accessibilité" in [hit.title_fr for hit in hits]
    outcome = search("RGPD", types=["page"])
    assert outcome.backend == "engine"
    assert not outcome.degraded
    assert [r.obj.slug_fr for r in outcome.results][:1] == ["vie-privee"]


def test_publishing_reaches_the_engine(indexed_demo_site):
    from portal.models import StandardPage

    page = StandardPage(
        title_fr="Aide alimentaire",
        title_nl="Voedselhulp",
        title="Aide alimentaire",
        slug_fr="aide-alimentaire",
        slug_nl="voedselhulp",
        slug="aide-alimentaire",
    )
    indexed_demo_site.add_child(instance=page)
    page.save_revision().publish()
    get_search_backend("default").get_index_for_model(Page).refresh()
    outcome = search("voedselhulp", types=["page"])
    assert outcome.backend == "engine"
    assert [r.obj.slug_fr for r in outcome.results] == ["aide-alimentaire"]


def test_healthz_names_the_engine(client, settings):
    payload = client.get("/healthz").json()
    assert payload["status"] == "ok"
    assert payload["search"]["backend"] == "opensearch"
    assert payload["search"]["version"] == probe(settings.SEARCH_URL).version


def test_unknown_node_answer_is_not_an_engine(unused_tcp_port):
    from search.node import EngineUnavailable

    with pytest.raises(EngineUnavailable):
        probe(f"http://127.0.0.1:{unused_tcp_port}", timeout=1)


@override_settings(SEARCH_URL="")
def test_settings_without_engine_use_database():
    from search.node import detect

    assert detect() is None
