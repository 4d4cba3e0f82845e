"""Benchmark of the search: indexing and query latency on generated FR/NL data.

    .venv/bin/python bench/search/run.py [--scale 1.0] [--queries 200] [--no-save]

One run, on a throw-away SQLite database (``/tmp/bench-search.sqlite3``), or the
PostgreSQL database ``--database-url`` names (emptied first: a throw-away one), and
indexes prefixed ``bench`` on the engine at ``SEARCH_URL`` (read from the
environment or ``/tmp/portal-engine.env``):

1. migrates, then generates ``scale`` × (20,000 organisations, 50,000 antennas,
   20,000 publications) with ``bulk_create`` over the real communes, postcodes
   and categories (see ``generate.py``);
2. times ``manage.py update_index --backend default`` (the portal's command:
   rebuild beside the live index, atomic alias swap) → docs/s and rebuild time;
3. times our API (``/api/v1/search`` through Django's test ``Client``) for text,
   text + ``near=``, text + facet filters, and autocomplete when
   ``/api/v1/search/suggest`` exists; the same requests' bodies sent straight to
   the engine (``backend.es.search``) for our overhead ratio;
4. rebuilds the database backend's index and times the text, text + near and
   text + facets queries there (``SEARCH_URL`` unset); ``--skip-engine`` leaves
   steps 2 and 3 out (a database-only run).

Each phase runs in its own process (settings are read once per process).
Appends one JSON line to ``bench/results/search.jsonl`` and prints a table.
Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
RESULTS = ROOT / "bench" / "results" / "search.jsonl"
DATABASE = Path("/tmp/bench-search.sqlite3")
PREFIX = "bench"
PYTHON = sys.executable
TARGETS = {
    "api_p95_ms": 150,
    "suggest_p95_ms": 50,
    "overhead_ratio": 1.5,
    "rebuild_s": 300,
    "database_p95_ms": 500,
}


def engine_url() -> str:
    url = os.environ.get("SEARCH_URL", "")
    if url:
        return url
    env_file = Path("/tmp/portal-engine.env")
    if env_file.exists():
        for line in env_file.read_text().splitlines():
            if line.startswith("SEARCH_URL="):
                return line.split("=", 1)[1].strip()
    sys.exit("SEARCH_URL is not set and /tmp/portal-engine.env is missing.")


def environment(search_url: str, database_url: str = "") -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=database_url or f"sqlite:///{DATABASE}",
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        SEARCH_INDEX_PREFIX=PREFIX,
        SEARCH_URL=search_url,
        LOG_LEVEL=env.get("LOG_LEVEL", "WARNING"),
        PYTHONPATH=os.pathsep.join(
            p for p in (os.environ.get("PYTHONPATH", ""), str(ROOT)) if p
        ),
    )
    return env


def reset_database(database_url: str) -> None:
    """Empty the PostgreSQL database of a previous run (its public schema)."""
    if not database_url:
        DATABASE.unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def run(args: list[str], env: dict, capture: bool = False) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        args,
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return time.perf_counter() - started, done.stdout or ""


def phase(name: str, env: dict, *extra: str) -> dict:
    _, out = run([PYTHON, str(HERE / "phases.py"), name, *extra], env, capture=True)
    return json.loads(out.strip().splitlines()[-1])


def engine_count(url: str) -> int:
    with urllib.request.urlopen(f"{url}/{PREFIX}_*/_count") as answer:
        return json.load(answer)["count"]


def delete_indexes(url: str) -> None:
    request = urllib.request.Request(f"{url}/{PREFIX}_*", method="DELETE")
    try:
        urllib.request.urlopen(request).read()
    except OSError:
        pass


def machine() -> dict:
    model = ""
    with open("/proc/cpuinfo") as stream:
        for line in stream:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    ram = 0
    with open("/proc/meminfo") as stream:
        for line in stream:
            if line.startswith("MemTotal"):
                ram = int(line.split()[1]) // 1024
                break
    return {
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "cpu_model": model,
        "ram_mb": ram,
        "load_avg": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
    }


def fmt(value, unit=" ms", digits=0) -> str:
    if value is None:
        return "—"
    return f"{value:.{digits}f}{unit}"


def met(value, target) -> str:
    if value is None:
        return "not measured"
    return "met" if value < target else "**not met**"


def table(result: dict) -> str:
    lines = [
        f"Latest run ({result['date']}, {result['machine']['cpu_count']} CPUs "
        f"{result['machine']['cpu_model']}, {result['machine']['ram_mb']} MB RAM, "
        f"load {result['machine']['load_avg']}, scale {result['scale']}: "
        f"{result['counts']['organisations']} organisations, "
        f"{result['counts']['antennas']} antennas, "
        f"{result['counts']['publications']} publications; "
        f"{result['queries']} queries per line after a warm-up):",
        "",
        "| query | API p50 | API p95 | engine p50 | engine p95 | overhead (p50) "
        "| database p50 | database p95 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    api, raw, db = result["api"], result["engine"], result.get("database", {})
    for kind in dict.fromkeys([*api, *db]):
        a, r, d = api.get(kind, {}), raw.get(kind, {}), db.get(kind, {})
        ratio = a["p50_ms"] / r["p50_ms"] if r.get("p50_ms") else None
        lines.append(
            f"| {kind} | {fmt(a.get('p50_ms'))} | {fmt(a.get('p95_ms'))} "
            f"| {fmt(r.get('p50_ms'), digits=1)} | {fmt(r.get('p95_ms'), digits=1)} "
            f"| {fmt(ratio, '×', 1)} | {fmt(d.get('p50_ms'))} "
            f"| {fmt(d.get('p95_ms'))} |"
        )
    index = result["index"]
    lines += [
        "",
        "| indexing | documents | time | docs/s |",
        "| --- | ---: | ---: | ---: |",
    ]
    if index.get("engine_s") is not None:
        lines.append(
            f"| engine, full rebuild (`update_index --backend default`) "
            f"| {index['engine_docs']} | {index['engine_s']:.1f} s "
            f"| {index['engine_docs_per_s']:.0f} |"
        )
    if index.get("database_s") is not None:
        lines.append(
            f"| database backend, full rebuild | {index['source_rows']} "
            f"| {index['database_s']:.1f} s "
            f"| {index['source_rows'] / index['database_s']:.0f} |"
        )
    s = result["summary"]
    lines += [
        "",
        "| target | measured | |",
        "| --- | ---: | --- |",
        f"| API p95 < 150 ms (worst query kind) | {fmt(s['api_p95_ms'])} "
        f"| {met(s['api_p95_ms'], TARGETS['api_p95_ms'])} |",
        f"| autocomplete p95 < 50 ms | {fmt(s['suggest_p95_ms'])} "
        f"| {met(s['suggest_p95_ms'], TARGETS['suggest_p95_ms'])} |",
        f"| overhead ratio < 1.5× (API p50 / engine p50, worst) "
        f"| {fmt(s['overhead_ratio'], '×', 1)} "
        f"| {met(s['overhead_ratio'], TARGETS['overhead_ratio'])} |",
        f"| full rebuild < 5 min | {fmt(s['rebuild_s'], ' s', 1)} "
        f"| {met(s['rebuild_s'], TARGETS['rebuild_s'])} |",
        f"| database fallback ({result.get('database_vendor', 'sqlite')}): "
        f"text p95 < 500 ms, facets counted (worst query kind) "
        f"| {fmt(s.get('database_p95_ms'))} "
        f"| {met(s.get('database_p95_ms'), TARGETS['database_p95_ms'])} |",
    ]
    return "\n".join(lines)


def engine_phases(url: str, env: dict, options) -> tuple[int, float, dict]:
    """Steps 2 and 3: the engine's rebuild, then its latency."""
    print("update_index (engine)…", file=sys.stderr, flush=True)
    engine_s, _ = run(
        [PYTHON, "manage.py", "update_index", "--backend", "default"],
        env,
        capture=True,
    )
    urllib.request.urlopen(f"{url}/{PREFIX}_*/_refresh", data=b"").read()
    docs = engine_count(url)
    print(f"  {docs} docs in {engine_s:.1f} s", file=sys.stderr, flush=True)
    print("latency (engine)…", file=sys.stderr, flush=True)
    latency = phase("latency", env, str(options.queries), str(options.warmup))
    return docs, engine_s, latency


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument(
        "--database-queries",
        type=int,
        default=10,
        help="text queries on the database backend (seconds each at scale)",
    )
    parser.add_argument("--skip-database", action="store_true")
    parser.add_argument(
        "--skip-engine", action="store_true", help="the database backend only"
    )
    parser.add_argument(
        "--database-url",
        default="",
        help="a throw-away PostgreSQL database (emptied first) instead of SQLite",
    )
    parser.add_argument("--no-save", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep DB and indexes")
    options = parser.parse_args()

    url = "" if options.skip_engine else engine_url()
    engine_env = environment(url, options.database_url)
    database_env = environment("", options.database_url)
    reset_database(options.database_url)
    if url:
        delete_indexes(url)
    started = time.perf_counter()
    docs, engine_s = None, None
    latency: dict = {"api": {}, "engine": {}, "suggest_available": False}
    try:
        print("migrate…", file=sys.stderr, flush=True)
        migrate_s, _ = run(
            [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], engine_env
        )
        print("generate…", file=sys.stderr, flush=True)
        counts = phase("generate", engine_env, str(options.scale))
        print(f"  {counts}", file=sys.stderr, flush=True)
        if url:
            docs, engine_s, latency = engine_phases(url, engine_env, options)
        database = {}
        database_s = None
        if not options.skip_database:
            print("update_index (database backend)…", file=sys.stderr, flush=True)
            database_s, _ = run(
                [PYTHON, "manage.py", "update_index"], database_env, capture=True
            )
            print(f"  {database_s:.1f} s", file=sys.stderr, flush=True)
            print("latency (database backend)…", file=sys.stderr, flush=True)
            database = phase(
                "latency", database_env, str(options.database_queries), "3"
            )["api"]
    finally:
        if not options.keep:
            if url:
                delete_indexes(url)
            reset_database(options.database_url)

    api, raw = latency["api"], latency["engine"]
    ratios = [
        api[k]["p50_ms"] / raw[k]["p50_ms"] for k in api if raw.get(k, {}).get("p50_ms")
    ]
    api_p95 = [v["p95_ms"] for k, v in api.items() if k != "suggest"]
    source_rows = counts["organisations"] + counts["antennas"] + counts["publications"]
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "scale": options.scale,
        "queries": options.queries,
        "warmup": options.warmup,
        "database_queries": options.database_queries,
        "counts": counts,
        "migrate_s": migrate_s,
        "index": {
            "source_rows": source_rows,
            "engine_docs": docs,
            "engine_s": engine_s,
            "engine_docs_per_s": docs / engine_s if engine_s else None,
            "database_s": database_s,
        },
        "api": api,
        "engine": raw,
        "engine_took": latency.get("engine_took", {}),
        "database": database,
        "database_vendor": "postgresql" if options.database_url else "sqlite",
        "suggest_available": latency.get("suggest_available", False),
        "summary": {
            "api_p95_ms": max(api_p95) if api_p95 else None,
            "suggest_p95_ms": api.get("suggest", {}).get("p95_ms"),
            "overhead_ratio": max(ratios) if ratios else None,
            "rebuild_s": engine_s,
            "database_p95_ms": max(
                (v["p95_ms"] for v in database.values()), default=None
            ),
        },
        "total_s": time.perf_counter() - started,
    }
    if not options.no_save:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        with RESULTS.open("a", encoding="utf-8") as stream:
            stream.write(json.dumps(result) + "\n")
    print(table(result))


if __name__ == "__main__":
    main()
