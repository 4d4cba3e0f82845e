"""Apps add their demo content to ``seed_demo`` by registering a seeder here, and
share how a seeder copies its bilingual texts onto a page (idempotently)."""

from collections.abc import Callable, Iterable

from core.constants import LANGUAGE_CODES

_seeders: list[Callable] = []

# Untranslated copies that Wagtail needs: the French text is the default.
DEFAULT_LANGUAGE_FIELDS = ("title", "slug", "seo_title", "search_description")


def register_demo_seeder(seeder: Callable) -> Callable:
    """Decorator: ``seeder(command, home_page)`` runs at the end of ``seed_demo``."""
    if seeder not in _seeders:
        _seeders.append(seeder)
    return seeder


def run_demo_seeders(command, home) -> None:
    for seeder in _seeders:
        seeder(command, home)


def comparable(value):
    """A field's value in a form that compares equal when the content is the same
    (StreamField blocks carry random ids)."""
    if hasattr(value, "raw_data"):
        return [(block["type"], block["value"]) for block in value.raw_data]
    if isinstance(value, list):
        return [(block["type"], block["value"]) for block in value]
    return value or ""


def set_translated(page, spec: dict, fields: Iterable[str]) -> bool:
    """Copy the spec's ``{field: {"fr": …, "nl": …}}`` texts onto ``page`` (only
    what differs); True if anything changed."""
    changed = False
    for field in fields:
        values = spec.get(field)
        if not values:
            continue
        for code in LANGUAGE_CODES:
            name = f"{field}_{code}"
            if comparable(getattr(page, name, None)) != comparable(values[code]):
                setattr(page, name, values[code])
                changed = True
        if field in DEFAULT_LANGUAGE_FIELDS and getattr(page, field) != values["fr"]:
            setattr(page, field, values["fr"])
            changed = True
    return changed
