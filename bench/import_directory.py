"""Benchmark of ``import_directory`` on a throw-away SQLite database.

    .venv/bin/python bench/import_directory.py [--antennas 10000] [--organisations N]

Migrates a fresh SQLite database in a temporary directory, generates a realistic CSV
(organisations with 1 to 15 antennas over the real communes and postcodes of
``places/gazetteer/``, bilingual names, opening hours, federations), then times:

1. the first import (everything created),
2. a second import of the same file (the idempotent path: nothing written),
3. an export.

Every antenna has coordinates in the file, so no geocoding is requested: geocoding
10,000 addresses would dominate and measure the geocoder, not the import. The
search index (Wagtail's database backend; ``SEARCH_URL`` is unset here) *is*
updated, as in a real import, and its share is shown.

Results are printed and appended as one JSON line to
``bench/results/import_directory.jsonl``. Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import platform
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER = ROOT / "places" / "gazetteer"
RESULTS = ROOT / "bench" / "results" / "import_directory.jsonl"

HOURS = [
    "Mo-Fr 09:00-12:00,13:30-16:30; PH off",
    "Mo-Fr 08:30-12:30",
    "Mo,We,Fr 09:00-12:00; Tu,Th 13:00-17:00; PH off",
    "Mo-Th 09:00-18:00; Fr 09:00-16:00",
    "Mo-Fr 08:00-19:00; Sa 09:00-12:00; PH off",
    "Tu 09:00-12:00; Th 14:00-18:00",
    "Mo-Fr 09:00-17:00; 12:00-13:00 off",
    "24/7",
]
DROPIN = ["", "", "Tu 09:00-12:00", "Mo-Fr 08:30-10:00", "We 14:00-18:00"]
KINDS = [
    ("Service social", "Sociale dienst"),
    ("Centre d'action sociale globale", "Centrum voor algemeen welzijnswerk"),
    ("Maison médicale", "Wijkgezondheidscentrum"),
    ("Planning familial", "Centrum voor gezinsplanning"),
    ("Service de santé mentale", "Dienst geestelijke gezondheidszorg"),
    ("Restaurant social", "Sociaal restaurant"),
    ("Centre d'accueil de jour", "Dagcentrum"),
    ("Service d'aide aux justiciables", "Dienst justitieel welzijnswerk"),
]
STREETS = [
    ("Rue de la Station", "Stationsstraat"),
    ("Chaussée de Louvain", "Leuvensesteenweg"),
    ("Rue Haute", "Hoogstraat"),
    ("Place communale", "Gemeenteplein"),
    ("Avenue de la Gare", "Stationslaan"),
    ("Rue de l'Église", "Kerkstraat"),
]
CATEGORIES = [
    "aide-sociale-generale", "cpas", "casg", "cap", "css", "sante", "maison-medicale",
    "sante-mentale", "planning-familial", "assuetudes", "aide-domicile",
    "aide-alimentaire", "energie", "logement", "justice", "migration", "dettes",
]  # fmt: skip
PUBLICS = [
    "tout-public", "enfants", "jeunes", "familles", "femmes", "personnes-agees",
    "sans-abri", "personnes-etrangeres", "sans-papiers", "justiciables",
]  # fmt: skip
LANGUAGES = ["fr", "nl", "de", "en", "ar", "es", "it", "pt", "tr", "pl", "ro", "ru"]


def setup_django(database: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    # No background worker here; no task is enqueued anyway (coordinates are given).
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    os.environ["SEARCH_URL"] = ""
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault(
        "STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# The columns the generated file fills, in this order (the others are optional).
BENCH_COLUMNS = (
    "organisation_id",
    "organisation_name_fr",
    "organisation_name_nl",
    "description_fr",
    "description_nl",
    "enterprise_number",
    "legal_form",
    "federations",
    "categories",
    "publics",
    "languages",
    "website",
    "email",
    "phone",
    "antenna_id",
    "antenna_name_fr",
    "antenna_name_nl",
    "street",
    "number",
    "box",
    "postcode",
    "commune",
    "latitude",
    "longitude",
    "opening_hours",
    "dropin_hours",
    "wheelchair",
)


def enterprise_number(rng: random.Random) -> str:
    base = f"0{rng.randrange(200_000_00, 999_999_99):08d}"[:8]
    return f"{base}{97 - int(base) % 97:02d}"


def generate(path: Path, organisations: int, antennas: int, seed: int = 2025) -> int:
    """Write the CSV; returns the number of data rows."""
    rng = random.Random(seed)
    with (GAZETTEER / "communes.csv").open(encoding="utf-8") as stream:
        communes = {row["refnis"]: row for row in csv.DictReader(stream)}
    places = []  # (postcode, commune row)
    with (GAZETTEER / "postcodes.csv").open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            if row["refnis"] in communes:
                places.append((row["postcode"], communes[row["refnis"]]))

    # Antennas per organisation: 1 to 15, summing to ``antennas``.
    counts = [1] * organisations
    for _ in range(antennas - organisations):
        counts[rng.randrange(organisations)] += 1
    federations = [f"org-{index:05d}" for index in range(min(20, organisations))]

    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(BENCH_COLUMNS)
        rows = 0
        antenna_number = 0
        for index, count in enumerate(counts):
            external_id = f"org-{index:05d}"
            kind_fr, kind_nl = rng.choice(KINDS)
            home_postcode, home = rng.choice(places)
            bilingual = home["refnis"].startswith("21") or rng.random() < 0.3
            name_fr = f"{kind_fr} {home['name_fr']} {index}"
            name_nl = f"{kind_nl} {home['name_nl']} {index}" if bilingual else ""
            if home["region"] == "flanders" and not bilingual:
                name_fr, name_nl = "", f"{kind_nl} {home['name_nl']} {index}"
            member_of = (
                []
                if external_id in federations
                else rng.sample(federations, rng.choice([0, 1, 1, 2]))
            )
            organisation = [
                external_id,
                name_fr,
                name_nl,
                f"{kind_fr} : accueil, information, orientation." if name_fr else "",
                f"{kind_nl}: onthaal, informatie, doorverwijzing." if name_nl else "",
                enterprise_number(rng) if rng.random() < 0.8 else "",
                rng.choice(["ASBL", "VZW", "CPAS", "OCMW", "AISBL"]),
                ";".join(member_of),
                ";".join(rng.sample(CATEGORIES, rng.randint(1, 3))),
                ";".join(rng.sample(PUBLICS, rng.randint(1, 3))),
                ";".join(rng.sample(LANGUAGES, rng.randint(1, 4))),
                f"https://www.service-{index}.example" if rng.random() < 0.7 else "",
                f"info@service-{index}.example" if rng.random() < 0.8 else "",
                f"0{rng.randint(2, 9)} {rng.randint(100, 999)} {rng.randint(10, 99)} "
                f"{rng.randint(10, 99)}",
            ]
            for number in range(count):
                antenna_number += 1
                postcode, commune = (
                    (home_postcode, home) if number == 0 else rng.choice(places)
                )
                street_fr, street_nl = rng.choice(STREETS)
                flemish = commune["region"] == "flanders"
                latitude = float(commune["latitude"]) + rng.uniform(-0.01, 0.01)
                longitude = float(commune["longitude"]) + rng.uniform(-0.01, 0.01)
                writer.writerow(
                    [
                        *organisation,
                        f"ant-{antenna_number:06d}",
                        "" if flemish else f"Antenne {commune['name_fr']}",
                        f"Antenne {commune['name_nl']}",
                        street_nl if flemish else street_fr,
                        str(rng.randint(1, 250)),
                        rng.choice(["", "", "", "A", "2"]),
                        postcode,
                        rng.choice(
                            [commune["name_fr"], commune["name_nl"], commune["refnis"]]
                        ),
                        f"{latitude:.6f}",
                        f"{longitude:.6f}",
                        rng.choice(HOURS),
                        rng.choice(DROPIN),
                        rng.choice(["", "yes", "partial", "no"]),
                    ]
                )
                rows += 1
    return rows


def timed_import(path: Path) -> dict[str, float]:
    """Read, validate, apply; with the share of the search index update."""
    from directory import exchange
    from directory.exchange import writing

    spent = {"index": 0.0}
    update = writing.update_search_index

    def timed_update(index):
        start = time.perf_counter()
        update(index)
        spent["index"] += time.perf_counter() - start

    writing.update_search_index = timed_update
    try:
        start = time.perf_counter()
        rows, errors = exchange.read_rows(path)
        read = time.perf_counter()
        plan, errors = exchange.validate(rows)
        if errors:
            raise SystemExit("\n".join(str(error) for error in errors[:20]))
        validated = time.perf_counter()
        result = exchange.apply(plan)
        end = time.perf_counter()
    finally:
        writing.update_search_index = update
    return {
        "rows": len(rows),
        "read_s": read - start,
        "validate_s": validated - read,
        # compare with the database and write (the index update excluded)
        "apply_s": end - validated - spent["index"],
        "index_s": spent["index"],
        "total_s": end - start,
        "result": result.as_dict(),
    }


LOOKUP_PLACES = [
    "1030",
    "Schaarbeek",
    "4000",
    "Namur",
    "Gent",
    "8400",
    "Elsene",
    "6600",
    "Mons",
    "1000",
    "Brugge",
    "Arlon",
    "50.85,4.35",
    "3500",
]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def time_lookups(rounds: int = 5) -> dict:
    """p50/p95 of the near-me lookup (rank everything, build the first page)."""
    from django.utils import timezone

    from directory.lookup import AntennaFilters as Filters
    from directory.lookup import materialize, rank_antennas
    from places.geocoding import parse_where

    kinds = {
        "place only": Filters(),
        "category": Filters(category="sante"),
        "open now": Filters(open_now=True),
        "radius 10 km + lang.": Filters(radius_km=10, language="fr"),
    }
    result = {"queries": 0, "kinds": {}}
    now = timezone.now()
    for label, filters in kinds.items():
        timings = []
        for _round in range(rounds):
            for place in LOOKUP_PLACES:
                start = time.perf_counter()
                where = parse_where(place)
                ranked = rank_antennas(where, filters, at=now)
                materialize(ranked[:20], at=now)
                timings.append((time.perf_counter() - start) * 1000)
        result["queries"] += len(timings)
        result["kinds"][label] = {
            "p50_ms": _percentile(timings, 0.5),
            "p95_ms": _percentile(timings, 0.95),
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--antennas", type=int, default=10_000)
    parser.add_argument("--organisations", type=int, default=None)
    parser.add_argument("--no-save", action="store_true", help="Do not append results.")
    args = parser.parse_args()
    organisations = args.organisations or max(1, args.antennas // 5)

    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        tmp_path = Path(tmp)
        setup_django(tmp_path / "bench.sqlite3")
        from django.core.management import call_command
        from django.db import connection

        from directory.models import Antenna, Organisation

        print(f"Migrating a fresh SQLite database in {tmp} …", flush=True)
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):  # modeltranslation's SQL
            call_command("migrate", interactive=False, verbosity=0)
        migrate_s = time.perf_counter() - start

        source = tmp_path / "directory.csv"
        rows = generate(source, organisations, args.antennas)
        size = source.stat().st_size
        print(f"Generated {rows} rows ({size / 1e6:.1f} MB), importing …", flush=True)

        first = timed_import(source)
        assert Antenna.objects.count() == args.antennas, "antennas missing"
        assert Organisation.objects.count() == organisations, "organisations missing"
        second = timed_import(source)
        unchanged = second["result"]
        assert unchanged["antennas_updated"] == unchanged["antennas_created"] == 0
        assert unchanged["organisations_updated"] == 0

        start = time.perf_counter()
        exported = tmp_path / "export.csv"
        call_command("export_directory", str(exported), verbosity=0)
        export_s = time.perf_counter() - start
        sqlite_version = connection.Database.sqlite_version
        lookup = time_lookups()

    table = [
        ("first import", first),
        ("re-import (unchanged)", second),
    ]
    print()
    print(f"{'step':<24}{'read':>8}{'validate':>10}{'apply':>8}{'index':>8}"
          f"{'total s':>9}{'rows/s':>9}")  # fmt: skip
    for label, figures in table:
        print(
            f"{label:<24}{figures['read_s']:>8.2f}{figures['validate_s']:>10.2f}"
            f"{figures['apply_s']:>8.2f}{figures['index_s']:>8.2f}"
            f"{figures['total_s']:>9.2f}{figures['rows'] / figures['total_s']:>9.0f}"
        )
    print(f"{'export':<24}{'':>42}{export_s:>9.2f}{rows / export_s:>9.0f}")
    print(f"(migration of the empty database: {migrate_s:.1f} s, not counted)")
    print()
    print(
        f"near-me lookup at {args.antennas} antennas ({lookup['queries']} queries, "
        "first page of 20, as the page and the API do):"
    )
    for kind, figures in lookup["kinds"].items():
        print(
            f"  {kind:<22} p50 {figures['p50_ms']:7.1f} ms"
            f"   p95 {figures['p95_ms']:7.1f} ms"
        )

    record = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "cpu_count": os.cpu_count(),
            "python": platform.python_version(),
            "sqlite": sqlite_version,
        },
        "organisations": organisations,
        "antennas": args.antennas,
        "rows": rows,
        "file_bytes": size,
        "first_import": {k: v for k, v in first.items() if k != "result"},
        "reimport": {k: v for k, v in second.items() if k != "result"},
        "export_s": export_s,
        "first_rows_per_s": rows / first["total_s"],
        "reimport_rows_per_s": rows / second["total_s"],
        "lookup": lookup,
    }
    if not args.no_save:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        with RESULTS.open("a", encoding="utf-8") as stream:
            stream.write(json.dumps(record) + "\n")
        print(f"Appended to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
