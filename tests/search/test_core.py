"""The search core: analysis and mapping, synonyms, typos, highlights, the outbox,
the rebuild and the editors' report."""

import re

import pytest
from django.core.management import call_command
from wagtail.search.backends import get_search_backend

from search import outbox
from search.index_settings import (
    build_index_settings,
    commune_synonyms,
    fingerprint,
    sector_synonyms,
)
from search.models import IndexChange, QueryStat
from search.services import expand_synonyms, search, suggest_from_vocabulary
from tests.factories import OrganisationFactory

# --- Settings and mapping (no engine needed) ---------------------------------------


def test_synonyms_cover_the_sector_and_every_commune_pair():
    rules = sector_synonyms()
    assert any("cpas" in r and "ocmw" in r for r in rules)
    assert any("maison medicale" in r and "wijkgezondheidscentrum" in r for r in rules)
    assert any("maf" in r and "maximumfactuur" in r for r in rules)
    communes = commune_synonyms()
    assert "Ixelles, Elsene" in communes
    assert "Mons, Bergen" in communes
    # Communes named alike in both languages need no rule.
    assert not any(rule.startswith("Anderlecht,") for rule in communes)


def test_changing_the_synonyms_changes_the_fingerprint():
    current = build_index_settings()
    changed = build_index_settings(synonyms=[*sector_synonyms(), "foo, bar"])
    assert fingerprint(current) == fingerprint(build_index_settings())
    assert fingerprint(current) != fingerprint(changed)


def test_generated_mapping_analyses_each_language(settings):
    from search.backends.auto import portal_backend_class

    backend_class = portal_backend_class(
        __import__(
            "wagtail.search.backends.opensearch3", fromlist=["SearchBackend"]
        ).SearchBackend
    )
    from directory.models import Antenna, Organisation
    from portal.models import StandardPage

    mapping = backend_class.mapping_class(Organisation).get_mapping()["properties"]
    assert mapping["name_fr"]["analyzer"] == "portal_french"
    assert mapping["name_nl"]["analyzer"] == "portal_dutch"
    assert mapping["short_name"]["analyzer"] == "portal_name"
    assert "_text_fr" in mapping["name_fr"]["copy_to"]
    assert "_names" in mapping["name_fr"]["copy_to"]
    assert "_text_nl" not in mapping["description_fr"]["copy_to"]
    assert set(mapping["places"]["copy_to"]) >= {"_text_fr", "_text_nl", "_names"}

    nested = backend_class.mapping_class(Antenna).get_mapping()["properties"]
    assert nested["organisation"]["properties"]["name_nl"]["analyzer"] == "portal_dutch"

    # The modeltranslation trap: page fields keep their language analysers, and the
    # untranslated copies feed no language field.
    page = backend_class.mapping_class(StandardPage).get_mapping()
    properties = page["properties"]
    assert properties["title_fr"]["analyzer"] == "portal_french"
    assert properties["title_nl"]["search_analyzer"] == "portal_dutch_search"
    assert properties["portal_standardpage__body_nl"]["analyzer"] == "portal_dutch"
    assert "_text_fr" not in str(properties["title"].get("copy_to"))
    assert page["_meta"]["portal_fingerprint"] == fingerprint()


def test_page_search_fields_keep_the_first_declaration():
    from portal.models import StandardPage

    fields = StandardPage.get_search_fields()
    keys = [(type(f), f.field_name) for f in fields]
    assert len(keys) == len(set(keys))
    title_fr = next(f for f in fields if f.field_name == "title_fr")
    assert title_fr.boost == 2


# --- Database backend --------------------------------------------------------------


@pytest.mark.django_db
def test_synonyms_expand_for_the_database_backend():
    query = expand_synonyms("ocmw schaarbeek")
    text = repr(query)
    assert "cpas" in text and "schaerbeek" in text
    assert expand_synonyms("permanence") == "permanence"


@pytest.mark.django_db
def test_vocabulary_suggestion(demo_site):
    assert suggest_from_vocabulary("shaerbeek") == "Schaerbeek"
    assert suggest_from_vocabulary("schaerbeek") is None


@pytest.mark.search
@pytest.mark.django_db
def test_queries_are_counted_for_the_report(client, admin_client, settings, demo_site):
    settings.SEARCH_URL = ""
    client.get("/fr/recherche/?q=Aide+alimentaire")
    client.get("/fr/recherche/?q=aide  alimentaire")
    client.get("/fr/recherche/?q=zzzqqq")
    client.get("/fr/recherche/?q=aide+alimentaire&page=2")  # not a new search
    stat = QueryStat.objects.get(query="aide alimentaire")
    assert (stat.searches, stat.zero_results, stat.language) == (2, 0, "fr")
    assert QueryStat.objects.get(query="zzzqqq").zero_results == 1
    html = admin_client.get("/admin/reports/search-queries/").content.decode()
    assert "aide alimentaire" in html and "zzzqqq" in html
    bad = admin_client.get("/admin/reports/search-queries/?month=nope")
    assert bad.status_code == 200
    assert "2026-11" in bad.content.decode()


@pytest.mark.search
@pytest.mark.django_db
def test_no_results_page_offers_help(client, demo_site):
    html = client.get("/nl/zoeken/?q=xqzwv").content.decode()
    assert "0 resultaten" in html
    assert 'class="starting-points"' in html


# --- On the engine -----------------------------------------------------------------


@pytest.mark.engine
@pytest.mark.search
@pytest.mark.django_db
def test_done_when_same_first_result_in_both_languages(indexed_demo_everything):
    fr = search("cpas schaerbeek", language="fr")
    nl = search("ocmw schaarbeek", language="nl")
    assert fr.backend == nl.backend == "engine"
    assert fr.results[0].obj == nl.results[0].obj
    assert fr.results[0].obj.external_id.startswith("cpas-schaerbeek")


@pytest.mark.engine
@pytest.mark.search
@pytest.mark.django_db
def test_done_when_typo_suggests_and_postcode_ranks_the_commune(
    client, indexed_demo_everything
):
    outcome = search("shaerbeek", language="fr")
    assert outcome.suggestion == "Schaerbeek"
    html = client.get("/fr/recherche/?q=shaerbeek").content.decode()
    assert "Schaerbeek</a>" in html and "?q=Schaerbeek" in html

    outcome = search("1030", language="fr")
    services = [r for r in outcome.results if r.type in ("organisation", "antenna")]
    assert services
    first = services[:5]
    for result in first:
        antennas = (
            [result.obj] if result.type == "antenna" else result.obj.antennas.all()
        )
        assert any(a.commune and a.commune.refnis == "21015" for a in antennas)


@pytest.mark.engine
@pytest.mark.search
@pytest.mark.api
@pytest.mark.django_db
def test_highlights_on_page_and_api(client, indexed_demo_everything):
    html = client.get("/fr/recherche/?q=colis+alimentaires").content.decode()
    assert re.search(r"<mark>colis</mark>\s*<mark>alimentaires</mark>", html)
    payload = client.get("/api/v1/search?q=voedselpakketten&lang=nl").json()
    assert payload["backend"] == "engine"
    first = payload["results"][0]
    assert "<mark>" in first["highlight"]
    assert first["highlight_language"] == "nl"
    # French-only text found from Dutch, marked as French.
    payload = client.get("/api/v1/search?q=RGPD&lang=nl").json()
    assert payload["results"][0]["type"] == "page"


@pytest.mark.engine
@pytest.mark.search
@pytest.mark.django_db
def test_dutch_compounds_are_split(indexed_demo_everything):
    from directory.models import Organisation

    organisation = OrganisationFactory(
        name_fr="Permanence énergie",
        name_nl="Energiepermanentie",
        description_nl="Hulp bij uw energiefactuur en budgetbegeleiding.",
    )
    get_search_backend("default").add(organisation)
    get_search_backend("default").get_index_for_model(Organisation).refresh()
    outcome = search("factuur", language="nl", types=["organisation"])
    assert organisation in [r.obj for r in outcome.results]


@pytest.mark.engine
@pytest.mark.django_db
def test_outbox_records_and_replays(indexed_demo_everything):
    from directory.models import Organisation

    backend = get_search_backend("default")
    organisation = OrganisationFactory(
        name_fr="Maison Zéphyrine", name_nl="Huis Zephyrine"
    )
    change = IndexChange.objects.filter(
        model_name="organisation", object_id=str(organisation.pk)
    ).latest("pk")
    assert change.action == "update"
    applied, failed = outbox.replay()
    assert failed == 0 and applied >= 1
    backend.get_index_for_model(Organisation).refresh()
    assert [r.obj for r in search("zephyrine", types=["organisation"]).results] == [
        organisation
    ]
    pk = organisation.pk
    organisation.delete()
    assert IndexChange.objects.filter(object_id=str(pk), action="delete").exists()
    outbox.replay()
    backend.get_index_for_model(Organisation).refresh()
    assert search("zephyrine", types=["organisation"]).count == 0


@pytest.mark.engine
@pytest.mark.django_db
def test_outbox_reindexes_the_organisation_of_a_changed_antenna(
    indexed_demo_everything,
):
    from directory.models import Antenna

    antenna = Antenna.objects.filter(live=True).first()
    changes = IndexChange.objects.filter(
        model_name="organisation", object_id=str(antenna.organisation_id)
    )
    before = changes.count()
    antenna.save()
    assert changes.count() == before + 1


@pytest.mark.engine
@pytest.mark.django_db
def test_rebuild_swaps_aliases_with_a_progress_bar(
    indexed_demo_everything, monkeypatch
):
    from io import StringIO

    from search.freshness import stale_indexes

    out = StringIO()
    call_command("update_index", backend_name="default", stdout=out)
    text = out.getvalue()
    assert re.search(r"\[#{30}\]\s+40/40", text), text
    assert "Outbox:" in text
    backend = get_search_backend("default")
    from directory.models import Organisation

    index = backend.get_index_for_model(Organisation)
    assert index.is_alias()
    assert stale_indexes() == []
    assert search("cpas schaerbeek", language="fr").count > 0

    # Another synonym list: the live indexes are stale and sync rebuilds them.
    changed = fingerprint(build_index_settings(synonyms=["foo, bar"]))
    monkeypatch.setattr("search.freshness.fingerprint", lambda: changed)
    assert index.name in stale_indexes()
