"""Queries in people's own words (issue #15): fillers, needs, both backends."""

from pathlib import Path

import pytest

from search.plain_words import combinations, needs, read
from search.services import search

ROOT = Path(__file__).resolve().parents[2]


def test_filler_question_and_negation_words_carry_no_weight():
    plain = read("Je n'ai plus rien à manger, qui peut m'aider ?")
    assert plain.words == ("manger",)
    assert plain.is_sentence
    dutch = read("ik kan mijn elektriciteitsfactuur niet meer betalen")
    assert dutch.words == ("elektriciteitsfactuur", "betalen")


def test_everyday_words_name_the_sectors_categories():
    assert read("je n'ai plus rien à manger").needs == ("aide-alimentaire",)
    assert read("mijn zoon zit in de gevangenis").needs == ("justice",)
    assert read("le propriétaire veut m'expulser").needs == ("logement",)
    assert read("mon compteur à budget est vide").needs == ("energie",)
    assert read("ik ben zwanger").needs == ("planning-familial",)
    assert read("cpas schaerbeek").needs == ()


def test_words_naming_a_category_together_in_any_order():
    # Health care without papers is the CPAS's urgent medical aid.
    assert "cpas" in read("sans papiers, où me faire soigner").needs
    assert "cpas" in read("ik ben ziek en heb geen papieren").needs
    assert "cpas" not in read("aide pour les sans-papiers").needs
    assert "cpas" not in read("je ne comprends pas les papiers").needs
    assert read("ma mutuelle ne rembourse pas").needs == ("service-social-mutualiste",)


def test_every_need_names_an_existing_category():
    slugs = {
        line.split("(")[1].split(",")[0].strip().strip('"')
        for line in open(
            ROOT / "directory/migrations/0002_taxonomy_and_gazetteer.py",
            encoding="utf-8",
        )
        if line.strip().startswith('("') and '", ' in line
    }
    assert {need.slug for need in needs()} <= slugs
    assert {combination.slug for combination in combinations()} <= slugs


@pytest.mark.search
@pytest.mark.django_db
@pytest.mark.parametrize(
    "language,query,expected",
    [
        ("fr", "je n'ai plus rien à manger", "epicerie-solidaire"),
        ("nl", "mijn zoon zit in de gevangenis, wie kan ons helpen", "cap-justice"),
        ("fr", "l'huissier vient saisir mes meubles", "casg-midi"),
    ],
)
def test_a_sentence_finds_the_service_on_the_database(
    settings, indexed_demo_everything, language, query, expected
):
    settings.SEARCH_URL = ""
    outcome = search(query, language=language)
    assert outcome.backend == "database"
    found = [getattr(r.obj, "external_id", None) for r in outcome.results[:5]]
    assert expected in found


@pytest.mark.engine
@pytest.mark.search
@pytest.mark.django_db
@pytest.mark.parametrize(
    "language,query,expected",
    [
        ("fr", "je n'ai plus rien à manger", "epicerie-solidaire"),
        ("nl", "mijn zoon zit in de gevangenis, wie kan ons helpen", "cap-justice"),
        ("fr", "l'huissier vient saisir mes meubles", "casg-midi"),
    ],
)
def test_a_sentence_finds_the_service_on_the_engine(
    indexed_demo_everything, language, query, expected
):
    outcome = search(query, language=language)
    assert outcome.backend == "engine"
    found = [getattr(r.obj, "external_id", None) for r in outcome.results[:5]]
    assert expected in found


def test_a_misspelt_word_of_needs_still_names_its_category():
    assert read("violance conjugale").needs == ("justice",)
    assert read("mon mari est violant").needs == ("justice",)
    # What was typed stays what is searched for (the typo pass handles it).
    assert read("violance conjugale").words == ("violance", "conjugale")


TYPED_SENTENCES = [
    ("secret profesionel", "secret professionnel"),
    ("je cherche le secret profesionel", "secret professionnel"),
    ("violance conjugale", "justice"),
]


def _titles(outcome) -> str:
    return " ".join(str(r.title) for r in outcome.results[:5]).casefold()


@pytest.mark.search
@pytest.mark.django_db
def test_typos_in_sentences_on_the_database(settings, indexed_demo_everything):
    settings.SEARCH_URL = ""
    for query, expected in TYPED_SENTENCES:
        assert expected in _titles(search(query, language="fr")), query
    outcome = search("mon mari est violant", language="fr")
    assert outcome.suggestion is None  # "mari" is not corrected into a name


@pytest.mark.engine
@pytest.mark.search
@pytest.mark.django_db
def test_typos_in_sentences_on_the_engine(indexed_demo_everything):
    for query, expected in TYPED_SENTENCES:
        assert expected in _titles(search(query, language="fr")), query
    assert search("secret profesionel", language="fr").suggestion == (
        "secret professionnel"
    )
    assert search("mon mari est violant", language="fr").suggestion is None


@pytest.mark.django_db
def test_a_place_inside_a_sentence_is_where_not_a_word():
    from search.plain_words import place_in_sentence

    rest, where = place_in_sentence("médecin généraliste au forfait à Forest")
    assert rest == "médecin généraliste au forfait"
    assert where.communes == ("21007",)
    rest, where = place_in_sentence("ik zoek een huisarts in Schaarbeek")
    assert (rest, where.communes) == ("ik zoek een huisarts", ("21015",))
    rest, where = place_in_sentence("une crèche près de Namur")
    assert rest == "une crèche" and where is not None
    rest, where = place_in_sentence("je cherche un CPAS 1030")
    assert rest == "je cherche un CPAS" and "21015" in where.communes
    # Keyword queries keep their commune as a word (and its bonus).
    assert place_in_sentence("cpas schaerbeek") == ("cpas schaerbeek", None)
    assert place_in_sentence("maison médicale 4000") == ("maison médicale 4000", None)


@pytest.mark.search
@pytest.mark.django_db
def test_the_place_of_a_sentence_ranks_like_near_on_the_database(
    settings, indexed_demo_everything
):
    settings.SEARCH_URL = ""
    outcome = search("huisarts per forfait in Schaarbeek", language="nl")
    assert outcome.place is not None and outcome.terms == "huisarts per forfait"
    assert outcome.query == "huisarts per forfait in Schaarbeek"
    first = outcome.results[0].obj
    assert "schaerbeek" in first.external_id
    assert outcome.results[0].distance_km is not None


@pytest.mark.engine
@pytest.mark.search
@pytest.mark.django_db
def test_the_place_of_a_sentence_ranks_like_near_on_the_engine(
    indexed_demo_everything,
):
    outcome = search("huisarts per forfait in Schaarbeek", language="nl")
    assert outcome.place is not None
    first = outcome.results[0].obj
    assert "schaerbeek" in first.external_id
    assert outcome.results[0].distance_km is not None
    kinds = [result.type for result in outcome.results]
    assert "category" in kinds  # records without a place come last, not never
    assert kinds.index("category") > kinds.index("organisation")
