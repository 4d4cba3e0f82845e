"""README's benchmark paragraph follows bench/README.md's latest status."""

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.smoke
ROOT = Path(settings.BASE_DIR)


def test_readme_repeats_the_latest_search_benchmark_status():
    bench = (ROOT / "bench" / "README.md").read_text()
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Benchmarks") : readme.index("## Production")]
    latest = re.search(r"Latest run \(([\d-]+)T[^)]*scale ([\d.]+)", bench)
    assert latest, "bench/README.md names its latest run"
    date, scale = latest.groups()
    assert f"scale {scale}" in section and date in section
    rows = dict(
        re.findall(r"^\| ([^|]+?) \| [^|]+ \| (met|\*\*not met\*\*) \|$", bench, re.M)
    )
    for target, status in rows.items():
        word = "not met" if "not" in status else "met"
        assert word in section, target
