"""The phases of ``run.py``, each in its own process (Django reads its settings once):

    phases.py generate SCALE          → {"organisations": n, ...}
    phases.py latency QUERIES WARMUP  → {"api": {...}, "engine": {...}, ...}

The last line printed is the phase's JSON result.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

# Text queries a visitor types, in both languages (services, themes, places).
TEXT_QUERIES = [
    ("cpas", "fr"),
    ("ocmw", "nl"),
    ("maison médicale", "fr"),
    ("wijkgezondheidscentrum", "nl"),
    ("aide alimentaire", "fr"),
    ("voedselhulp", "nl"),
    ("service de santé mentale", "fr"),
    ("schuldbemiddeling", "nl"),
    ("médiation de dettes", "fr"),
    ("planning familial", "fr"),
    ("logement social", "fr"),
    ("huisvesting", "nl"),
    ("sans-abri accueil de jour", "fr"),
    ("daklozen", "nl"),
    ("cpas schaerbeek", "fr"),
    ("ocmw gent", "nl"),
    ("énergie", "fr"),
    ("rapport annuel pauvreté", "fr"),
    ("armoede", "nl"),
    ("aide à domicile liège", "fr"),
]
NEAR = ["1030", "1000", "4000", "9000", "Namur", "Leuven", "6000", "1080"]
FACETS = [
    {"category": "cpas", "open_now": "true"},
    {"category": "maison-medicale"},
    {"category": "aide-alimentaire", "open_now": "true"},
    {"language": "nl", "wheelchair": "yes"},
    {"category": "sante-mentale", "public": "jeunes"},
]
PREFIXES = [
    ("cp", "fr"),
    ("ocm", "nl"),
    ("maison m", "fr"),
    ("wijkge", "nl"),
    ("aide ali", "fr"),
    ("schaer", "fr"),
    ("plann", "fr"),
    ("huisv", "nl"),
]


def setup() -> None:
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return {
        "n": len(ordered),
        "p50_ms": statistics.median(ordered),
        "p95_ms": cuts[94],
        "max_ms": ordered[-1],
    }


def workload(queries: int) -> dict[str, list[dict]]:
    """``queries`` API parameter sets per kind, cycling through the lists."""
    text = [{"q": q, "lang": lang} for q, lang in TEXT_QUERIES]
    near = [
        {"q": q, "lang": lang, "near": NEAR[i % len(NEAR)]}
        for i, (q, lang) in enumerate(TEXT_QUERIES)
    ]
    facets = [
        {"q": q, "lang": lang, **FACETS[i % len(FACETS)]}
        for i, (q, lang) in enumerate(TEXT_QUERIES)
    ]
    suggest = [{"q": q, "lang": lang} for q, lang in PREFIXES]

    def cycle(items):
        return [items[i % len(items)] for i in range(queries)]

    return {
        "text": cycle(text),
        "text + near": cycle(near),
        "text + facets": cycle(facets),
        "suggest": cycle(suggest),
    }


def time_api(client, path: str, params: list[dict], warmup: int) -> dict:
    for p in params[:warmup]:
        client.get(path, p)
    samples = []
    for p in params:
        started = time.perf_counter()
        response = client.get(path, p)
        samples.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path} {p}: {response.status_code} {response.content!r}")
    return percentiles(samples)


def latency(queries: int, warmup: int) -> dict:
    setup()
    # Django is set up by setup() above: its modules are imported after it.
    from django.conf import settings
    from django.test import Client
    from django.urls import Resolver404, resolve

    client = Client()
    work = workload(queries)
    try:
        resolve("/api/v1/search/suggest")
        suggest = client.get("/api/v1/search/suggest", {"q": "cp"}).status_code == 200
    except Resolver404:
        suggest = False
    if not suggest:
        work = {kind: params for kind, params in work.items() if kind != "suggest"}
    # On the database backend: the same text queries, alone, near a place and
    # with facet filters (facets are counted in every answer).
    kinds = ["text", "text + near", "text + facets"]
    if settings.SEARCH_URL:
        kinds = list(work)
    result: dict = {"api": {}, "engine": {}, "engine_took": {}}
    result["suggest_available"] = suggest
    for kind in kinds:
        path = "/api/v1/search/suggest" if kind == "suggest" else "/api/v1/search"
        result["api"][kind] = time_api(client, path, work[kind], warmup)
    if settings.SEARCH_URL:
        result.update(engine_latency(work, warmup))
    return result


def engine_latency(work: dict[str, list[dict]], warmup: int) -> dict:
    """The same requests straight to the engine: capture the bodies engine_search
    builds (parameters parsed as the API does), then replay them raw."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend("default")
    real_search = backend.es.search
    bodies = {
        kind: engine_requests(backend, work[kind])
        for kind in ["text", "text + near", "text + facets"]
    }
    result: dict = {"engine": {}, "engine_took": {}}
    for kind, requests in bodies.items():
        for sequence in requests[:warmup]:
            for r in sequence:
                real_search(**r)
        samples, took = [], []
        for sequence in requests:
            started = time.perf_counter()
            answers = [real_search(**r) for r in sequence]
            samples.append((time.perf_counter() - started) * 1000)
            took.append(sum(float(answer["took"]) for answer in answers))
        result["engine"][kind] = percentiles(samples)
        result["engine_took"][kind] = percentiles(took)
    return result


def engine_requests(backend, params: list[dict]) -> list[list[dict]]:
    """For each parameter set, the engine requests ``engine_search`` sends: one,
    or two (typos). Each distinct set is searched once."""
    from django.http import QueryDict

    from search.params import parse_parameters
    from search.query import engine_search
    from search.services import result_types

    kinds_all = list(result_types().values())
    real_search = backend.es.search
    captured: list[dict] = []

    def capture(**kwargs):
        captured.append(kwargs)
        return real_search(**kwargs)

    backend.es.search = capture
    try:
        by_key = {}
        for key, p in {json.dumps(p, sort_keys=True): p for p in params}.items():
            query = QueryDict(mutable=True)
            query.update(p)
            parameters = parse_parameters(query)
            captured.clear()
            engine_search(
                backend,
                " ".join(p["q"].split()),
                p["lang"],
                kinds_all,
                size=10,
                filters=parameters.filters,
                near=parameters.near,
                radius_km=parameters.radius_km,
            )
            by_key[key] = list(captured)
    finally:
        backend.es.search = real_search
    return [by_key[json.dumps(p, sort_keys=True)] for p in params]


def main() -> None:
    name, *args = sys.argv[1:]
    if name == "generate":
        setup()
        from generate import generate

        out = generate(float(args[0]))
    elif name == "latency":
        out = latency(int(args[0]), int(args[1]))
    else:
        raise SystemExit(f"unknown phase {name}")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
