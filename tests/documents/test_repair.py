"""The repair pipeline on text fixtures (defects as real extractors print them)."""

from pathlib import Path

import pytest

from documents.repair import (
    collapse_spaces,
    repair_hyphenation,
    repair_letter_spacing,
    repair_ligatures,
    repair_text,
)

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    "broken, repaired",
    [
        ("Les � ches d'information", "Les fiches d'information"),
        ("les di� érentes règles", "les différentes règles"),
        ("une obligation o� cielle", "une obligation officielle"),
        ("un mécanisme e� cace", "un mécanisme efficace"),
        ("un a� ux de demandes", "un afflux de demandes"),
        ("les a� liés", "les affiliés"),
        ("een � exibele regeling", "een flexibele regeling"),
        ("zijn o� cieel bekendgemaakt", "zijn officieel bekendgemaakt"),
        ("alle � scale vragen", "alle fiscale vragen"),
        # pdfminer writes (cid:N), other tools a private-use character.
        ("les (cid:31)ches", "les fiches"),
        ("les \ue001ches", "les fiches"),
        # Unicode ligature characters are simply expanded.
        ("les \ufb01ches", "les fiches"),
        ("LES � CHES", "LES FICHES"),
    ],
)
def test_lost_ligatures_are_rebuilt_with_the_word_lists(broken, repaired):
    assert repair_ligatures(broken) == repaired


def test_an_unknown_word_falls_back_to_fi():
    assert repair_ligatures("xyz� qwv") == "xyzfiqwv"


@pytest.mark.parametrize(
    "broken, repaired",
    [
        ("met betrek-\nking tot", "met betrekking\ntot"),
        ("d'un mé-\nnage. Les", "d'un ménage.\nLes"),
        ("une obligation of-\nficielle, et", "une obligation officielle,\net"),
        # Real compounds keep their hyphen.
        ("le porte-\nparole du service", "le porte-parole\ndu service"),
        ("à Saint-\nGilles et", "à Saint-Gilles\net"),
    ],
)
def test_line_end_hyphenation(broken, repaired):
    assert repair_hyphenation(broken) == repaired


def test_a_hyphen_inside_a_line_is_left_alone():
    assert repair_hyphenation("sociaal-cultureel werk") == "sociaal-cultureel werk"


@pytest.mark.parametrize(
    "broken, repaired",
    [
        ("He t  d o e l  v a n", "Het doel van"),
        (
            "H e t    d o e l    v a n    d e z e    f i c h e",
            "Het doel van deze fiche",
        ),
        # Gaps between words no wider than between letters: word lists decide.
        ("L e s e c r e t p r o f e s s i o n n e l", "Le secret professionnel"),
        ("W i e k a n u h e l p e n", "Wie kan u helpen"),
    ],
)
def test_letter_spaced_headings(broken, repaired):
    assert repair_letter_spacing(broken) == repaired


@pytest.mark.parametrize(
    "line",
    [
        "Il a dit à sa mère : « Je te le dis ».",
        "1 2 3 4 5 6",
        "Articles 3 c) et 5 b) de la loi",
    ],
)
def test_ordinary_lines_are_not_taken_for_letter_spacing(line):
    assert repair_letter_spacing(line) == line


def test_collapse_spaces_keeps_line_breaks():
    assert collapse_spaces("a   b  \n  c") == "a b\nc"


def test_the_whole_pipeline_on_the_mutmail_fixture():
    broken = (FIXTURES / "mutmail_extracted.txt").read_text(encoding="utf-8")
    expected = (FIXTURES / "mutmail_repaired.txt").read_text(encoding="utf-8")
    assert repair_text(broken).strip() == expected.strip()
