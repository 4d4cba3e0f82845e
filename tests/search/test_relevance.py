"""Relevance of the search over the demo data, from ``judgements.tsv``.

On the real engine the mean nDCG@10 must reach 0.85; on the database fallback,
a relevant result must be in the top 10 for at least 70% of the queries.
"""

import math
from pathlib import Path

import pytest

from search.services import search

JUDGEMENTS = Path(__file__).with_name("judgements.tsv")
NDCG_TARGET = 0.85
FALLBACK_TARGET = 0.70


def load_judgements() -> list[tuple[str, str, dict[str, int]]]:
    from directory.models import Antenna

    cases = []
    for line in JUDGEMENTS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        language, query, judged = line.split("\t")
        grades: dict[str, int] = {}
        for item in judged.split():
            key, grade = item.rsplit("=", 1)
            kind, ident = key.split(":", 1)
            if kind == "service":
                grades[f"organisation:{ident}"] = int(grade)
                antennas = Antenna.objects.filter(organisation__external_id=ident)
                for external_id in antennas.values_list("external_id", flat=True):
                    grades.setdefault(f"antenna:{external_id}", max(int(grade) - 1, 1))
            else:
                grades[key] = int(grade)
        cases.append((language, query, grades))
    return cases


def result_key(result) -> str:
    obj = result.obj
    if result.type in ("organisation", "antenna"):
        return f"{result.type}:{obj.external_id}"
    if result.type == "commune":
        return f"commune:{obj.refnis}"
    if result.type in ("page", "fiche", "newsletter_article"):
        return f"{result.type}:{obj.slug_fr}"
    return f"{result.type}:{obj.slug}"


def ndcg_at_10(keys: list[str], grades: dict[str, int]) -> float:
    def dcg(values):
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(values))

    ideal = dcg(sorted(grades.values(), reverse=True)[:10])
    return dcg([grades.get(key, 0) for key in keys[:10]]) / ideal if ideal else 0.0


def ranked_keys(language: str, query: str) -> list[str]:
    outcome = search(query, language=language, page_size=10)
    return [result_key(result) for result in outcome.results], outcome


@pytest.mark.engine
@pytest.mark.search
@pytest.mark.django_db
def test_engine_ranking_meets_ndcg_target(indexed_demo_everything):
    cases = load_judgements()
    assert len(cases) >= 60
    assert {language for language, _q, _g in cases} == {"fr", "nl"}
    scores = []
    weak = []
    for language, query, grades in cases:
        keys, outcome = ranked_keys(language, query)
        assert outcome.backend == "engine" and not outcome.degraded
        score = ndcg_at_10(keys, grades)
        scores.append(score)
        if score < 0.8:
            weak.append(f"{language} {query!r}: {score:.2f} {keys[:5]}")
    mean = sum(scores) / len(scores)
    print(f"\nmean nDCG@10 on the engine over {len(cases)} queries: {mean:.3f}")
    for line in weak:
        print("  weak:", line)
    assert mean >= NDCG_TARGET, weak


@pytest.mark.search
@pytest.mark.django_db
def test_database_fallback_finds_a_relevant_result(settings, indexed_demo_everything):
    settings.SEARCH_URL = ""  # what answers when the engine is unset or down
    cases = load_judgements()
    found = []
    missed = []
    for language, query, grades in cases:
        keys, outcome = ranked_keys(language, query)
        assert outcome.backend == "database"
        if any(grades.get(key, 0) >= 2 for key in keys[:10]):
            found.append(query)
        else:
            missed.append(f"{language} {query!r}: {keys[:3]}")
    share = len(found) / len(cases)
    print(f"\ndatabase fallback: relevant result in the top 10 for {share:.0%}")
    for line in missed:
        print("  missed:", line)
    assert share >= FALLBACK_TARGET, missed


def test_ndcg_of_a_perfect_and_a_poor_ranking():
    grades = {"a": 3, "b": 2}
    assert ndcg_at_10(["a", "b"], grades) == pytest.approx(1.0)
    assert ndcg_at_10(["x", "y", "b", "a"], grades) < 0.6
