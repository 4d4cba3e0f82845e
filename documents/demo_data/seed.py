"""Seed the documentation centre's demo content (idempotent).

Publications are upserted on their ``external_id``; the demo PDF is attached once
(found again by its title); fiches are created under one index page and get a new
revision only when their content changed. The professional-secrecy fiche gets an
older revision, dated 1 June 2010, so that ``?as_of=2010-07-01`` shows it.
"""

from __future__ import annotations

import copy
from datetime import datetime, time
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from core.constants import LANGUAGE_CODES
from core.demo_registry import comparable
from directory.models import Category, Language, Organisation, Public
from documents.demo_data import content
from documents.models import (
    LegislationFicheIndexPage,
    LegislationFichePage,
    Publication,
    PublicationCorporateAuthor,
    PublicationFile,
    PublicationFileLink,
)
from documents.tasks import extract_publication_file

DEMO_DIR = Path(__file__).parent


def _organisation(external_id: str) -> Organisation | None:
    if not external_id:
        return None
    return Organisation.objects.filter(external_id=external_id).first()


def _set_m2m(obj, name: str, values: list) -> bool:
    manager = getattr(obj, name)
    current = set(manager.values_list("pk", flat=True))
    wanted = {value.pk for value in values}
    if current != wanted:
        manager.set(values)
        return True
    return False


def _demo_file(spec: dict) -> PublicationFile:
    document = PublicationFile.objects.filter(title=spec["title"]).first()
    if document is not None:
        return document
    source = DEMO_DIR / spec["path"]
    document = PublicationFile(title=spec["title"])
    stored = f"documents/demo-{spec['path']}"
    if (
        default_storage.exists(stored)
        and default_storage.size(stored) == source.stat().st_size
    ):
        # Left by an earlier seeding (a flushed database): reuse, don't pile up.
        document.file.name = stored
    else:
        with source.open("rb") as handle:
            document.file.save(f"demo-{spec['path']}", File(handle), save=False)
    document._set_document_file_metadata()
    document.save()
    # The demo must show its repaired text even before a worker runs: extract now
    # (the task enqueued by the save finds the same file and gives the same text).
    extract_publication_file.call(document.pk)
    return document


def seed_publications() -> int:
    count = 0
    for spec in content.PUBLICATIONS:
        publication = Publication.objects.filter(
            external_id=spec["external_id"]
        ).first() or Publication(external_id=spec["external_id"])
        publication.kind = spec["kind"]
        publication.title = spec["title"]["fr"]
        for code in LANGUAGE_CODES:
            setattr(publication, f"title_{code}", spec["title"][code])
            setattr(publication, f"abstract_{code}", spec["abstract"][code])
        publication.abstract = spec["abstract"]["fr"]
        publication.original_title = spec.get("original_title", "")
        publication.original_language = spec.get("original_language", "fr")
        publication.publisher = spec.get("publisher", "")
        publication.publisher_organisation = _organisation(
            spec.get("publisher_organisation", "")
        )
        publication.place = spec.get("place", "")
        publication.publication_date = spec.get("publication_date")
        publication.year = spec.get("year") or (
            spec["publication_date"].year if spec.get("publication_date") else None
        )
        publication.series = spec.get("series", "")
        publication.series_number = spec.get("series_number", "")
        publication.keywords = spec.get("keywords", "")
        publication.pages = spec.get("pages", "")
        publication.access = spec.get("access", "open")
        publication.live = True
        publication.save()
        changed = _set_m2m(
            publication,
            "languages",
            list(Language.objects.filter(code__in=spec["languages"])),
        )
        changed |= _set_m2m(
            publication,
            "themes",
            list(Category.objects.filter(slug__in=spec["themes"])),
        )
        if changed:  # parental many-to-many relations are written on save
            publication.save()
        wanted = [(_organisation(ext), name) for ext, name in spec["corporate_authors"]]
        existing = [
            (author.organisation, author.name)
            for author in publication.corporate_authors.all()
        ]
        if existing != wanted:
            publication.corporate_authors.all().delete()
            for order, (organisation, name) in enumerate(wanted):
                PublicationCorporateAuthor.objects.create(
                    publication=publication,
                    organisation=organisation,
                    name=name if organisation is None else "",
                    sort_order=order,
                )
        if spec.get("file"):
            document = _demo_file(spec["file"])
            PublicationFileLink.objects.get_or_create(
                publication=publication,
                document=document,
                defaults={"label": spec["file"]["label"], "sort_order": 0},
            )
        count += 1
    return count


def _resolve_body(body: list[dict]) -> list[dict]:
    """Slugs and external ids of who-can-help blocks → primary keys."""
    resolved = copy.deepcopy(body)
    for block in resolved:
        if block["type"] != "who_can_help":
            continue
        value = block["value"]
        value["categories"] = list(
            Category.objects.filter(slug__in=value["categories"]).values_list(
                "pk", flat=True
            )
        )
        value["organisations"] = list(
            Organisation.objects.filter(
                external_id__in=value["organisations"]
            ).values_list("pk", flat=True)
        )
    return resolved


def _assign(page: Page, values: dict) -> bool:
    changed = False
    for field, value in values.items():
        current = getattr(page, field)
        if field.startswith("body_"):
            if comparable(current) != comparable(value):
                setattr(page, field, value)
                changed = True
        elif current != value:
            setattr(page, field, value)
            changed = True
    return changed


def _page_values(spec: dict, body: dict, summary: dict) -> dict:
    values = {"title": spec["title"]["fr"], "slug": spec["slug"]["fr"]}
    for code in LANGUAGE_CODES:
        values[f"title_{code}"] = spec["title"][code]
        values[f"slug_{code}"] = spec["slug"][code]
        values[f"summary_{code}"] = summary[code]
        values[f"body_{code}"] = body[code]
    values["summary"] = summary["fr"]
    values["authority"] = spec["authority"]
    values["valid_from"] = spec.get("valid_from")
    values["valid_to"] = spec.get("valid_to")
    values["last_reviewed"] = spec.get("last_reviewed")
    values["reviewer"] = spec.get("reviewer", "")
    return values


def _backdate(page: LegislationFichePage, revision, day) -> None:
    moment = timezone.make_aware(datetime.combine(day, time(9, 0)))
    type(revision).objects.filter(pk=revision.pk).update(created_at=moment)
    PageLogEntry.objects.filter(revision=revision).update(timestamp=moment)
    Page.objects.filter(pk=page.pk).update(first_published_at=moment)


def _index(home: Page) -> LegislationFicheIndexPage:
    spec = content.FICHE_INDEX
    index = LegislationFicheIndexPage.objects.child_of(home).first()
    values = {"title": spec["title"]["fr"], "slug": spec["slug"]["fr"]}
    for code in LANGUAGE_CODES:
        values[f"title_{code}"] = spec["title"][code]
        values[f"slug_{code}"] = spec["slug"][code]
        values[f"intro_{code}"] = spec["intro"][code]
    if index is None:
        index = LegislationFicheIndexPage(**values)
        home.add_child(instance=index)
        index.save_revision().publish()
    elif _assign(index, values):
        index.save_revision().publish()
    return LegislationFicheIndexPage.objects.get(pk=index.pk)


def seed_fiches(home: Page) -> int:
    index = _index(home)
    pages: dict[str, LegislationFichePage] = {}
    for spec in content.FICHES:
        body = {code: _resolve_body(spec["body"][code]) for code in LANGUAGE_CODES}
        values = _page_values(spec, body, spec["summary"])
        page = (
            LegislationFichePage.objects.child_of(index)
            .filter(slug_fr=spec["slug"]["fr"])
            .first()
        )
        if page is None:
            history = spec.get("history")
            first_values = values
            if history:
                old_body = {
                    code: _resolve_body(history["body"][code])
                    for code in LANGUAGE_CODES
                }
                first_values = _page_values(spec, old_body, history["summary"])
                first_values["last_reviewed"] = history["last_reviewed"]
                first_values["valid_from"] = history["valid_from"]
            page = LegislationFichePage(**first_values)
            index.add_child(instance=page)
            revision = page.save_revision()
            revision.publish()
            if history:
                _backdate(page, revision, history["published_at"])
                page = LegislationFichePage.objects.get(pk=page.pk)
                _assign(page, values)
                page.save_revision().publish()
        elif _assign(page, values):
            page.save_revision().publish()
        page = LegislationFichePage.objects.get(pk=page.pk)
        changed = _set_m2m(
            page, "themes", list(Category.objects.filter(slug__in=spec["themes"]))
        )
        changed |= _set_m2m(
            page, "publics", list(Public.objects.filter(slug__in=spec["publics"]))
        )
        if changed:
            page.save_revision().publish()
        pages[spec["key"]] = page
    for spec in content.FICHES:
        page = LegislationFichePage.objects.get(pk=pages[spec["key"]].pk)
        related = [pages[key] for key in spec.get("related", [])]
        if _set_m2m(page, "related_fiches", related):
            page.save_revision().publish()
    return len(pages)


@transaction.atomic
def seed_demo_documents(command, home: Page) -> None:
    """The documentation centre's part of ``seed_demo`` (registered in ``apps.py``)."""
    publications, fiches = seed_documents(home)
    command.stdout.write(
        f"Documentation centre: {publications} publications, {fiches} fiches."
    )


def seed_documents(home: Page) -> tuple[int, int]:
    """Create or update the demo publications and fiches; (publications, fiches)."""
    return seed_publications(), seed_fiches(home)
