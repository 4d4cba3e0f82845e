"""Filters of the publications catalogue, read from a query string."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from core.parameters import InvalidParameter
from directory.models import Category, Language, Organisation
from documents.models import Publication

MIN_YEAR, MAX_YEAR = 1800, 2100


@dataclass(frozen=True)
class CatalogueFilters:
    kind: str = ""
    theme: str = ""
    year_from: int | None = None
    year_to: int | None = None
    language: str = ""
    author: str = ""
    organisation: str = ""

    def apply(self, publications: QuerySet[Publication]) -> QuerySet[Publication]:
        if self.kind:
            publications = publications.filter(kind=self.kind)
        if self.theme:
            category = Category.objects.get(slug=self.theme)
            ids = [category.pk, *self._descendants(category)]
            publications = publications.filter(themes__in=ids)
        if self.year_from is not None:
            publications = publications.filter(year__gte=self.year_from)
        if self.year_to is not None:
            publications = publications.filter(year__lte=self.year_to)
        if self.language:
            publications = publications.filter(languages__code=self.language)
        if self.author:
            text = self.author
            publications = publications.filter(
                Q(authors__family_name__icontains=text)
                | Q(authors__given_names__icontains=text)
                | Q(corporate_authors__name__icontains=text)
                | Q(corporate_authors__organisation__name_fr__icontains=text)
                | Q(corporate_authors__organisation__name_nl__icontains=text)
                | Q(corporate_authors__organisation__short_name__iexact=text)
                | Q(publisher__icontains=text)
            )
        if self.organisation:
            publications = publications.filter(
                Q(corporate_authors__organisation__slug=self.organisation)
                | Q(publisher_organisation__slug=self.organisation)
            )
        return (
            publications.distinct()
            .prefetch_related("authors", "corporate_authors__organisation", "themes")
            .order_by("-year", "-publication_date", "title")
        )

    @staticmethod
    def _descendants(category: Category) -> list[int]:
        found, frontier = [], [category.pk]
        while frontier:
            children = list(
                Category.objects.filter(parent_id__in=frontier).values_list(
                    "pk", flat=True
                )
            )
            children = [pk for pk in children if pk not in found]
            found += children
            frontier = children
        return found

    def as_querystring(self) -> str:
        values = {
            field.name: getattr(self, field.name)
            for field in fields(self)
            if getattr(self, field.name) not in ("", None)
        }
        return urlencode(values)

    @property
    def active(self) -> bool:
        return bool(self.as_querystring())

    def choices(self) -> dict:
        return {
            "kinds": Publication.Kind.choices,
            "themes": Category.objects.filter(publications__live=True).distinct(),
            "languages": Language.objects.filter(publications__live=True).distinct(),
            "organisations": Organisation.objects.filter(
                Q(authored_publications__publication__live=True)
                | Q(published_publications__live=True)
            ).distinct(),
        }


def _year(value: str, label: str, errors: list[str]) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    # ASCII digits only: str.isdigit() accepts "³" (int() then fails) and "١".
    if not re.fullmatch(r"[0-9]{1,4}", value) or not MIN_YEAR <= int(value) <= MAX_YEAR:
        errors.append(
            _("%(label)s: “%(value)s” is not a year between %(min)s and %(max)s.")
            % {"label": label, "value": value[:10], "min": MIN_YEAR, "max": MAX_YEAR}
        )
        return None
    return int(value)


def _text(params, name: str) -> str:
    """A parameter as text, without NUL bytes (PostgreSQL refuses them: a 500)."""
    return (params.get(name) or "").replace("\x00", "").strip()


def parse_catalogue_filters(params) -> CatalogueFilters:
    """Filters from a query string; raises :class:`InvalidParameter` with
    every message."""
    errors: list[str] = []
    kind = _text(params, "kind")
    if kind and kind not in Publication.Kind.values:
        errors.append(
            _("Unknown type of publication: “%(value)s”.") % {"value": kind[:40]}
        )
        kind = ""
    theme = _text(params, "theme")
    if theme and not Category.objects.filter(slug=theme).exists():
        errors.append(_("Unknown theme: “%(value)s”.") % {"value": theme[:60]})
        theme = ""
    year_from = _year(_text(params, "year_from"), _("From year"), errors)
    year_to = _year(_text(params, "year_to"), _("To year"), errors)
    if year_from and year_to and year_from > year_to:
        errors.append(_("The first year comes after the last one."))
    language = _text(params, "language")
    if language and not Language.objects.filter(code=language).exists():
        errors.append(_("Unknown language: “%(value)s”.") % {"value": language[:10]})
        language = ""
    organisation = _text(params, "organisation")
    if organisation and not Organisation.objects.filter(slug=organisation).exists():
        errors.append(
            _("Unknown organisation: “%(value)s”.") % {"value": organisation[:60]}
        )
        organisation = ""
    author = " ".join(_text(params, "author").split())
    if len(author) > 100:
        errors.append(_("The author's name is too long (100 characters at most)."))
        author = ""
    if errors:
        raise InvalidParameter(errors)
    return CatalogueFilters(
        kind=kind,
        theme=theme,
        year_from=year_from,
        year_to=year_to,
        language=language,
        author=author,
        organisation=organisation,
    )
