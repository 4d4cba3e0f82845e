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


def _text(value: str | None) -> str:
    """A value as text, without NUL bytes (PostgreSQL refuses them: a 500)."""
    return (value or "").replace("\x00", "").strip()


def _year(value: str | None, label: str) -> int | None:
    value = _text(value)
    if not value:
        return None
    # ASCII digits only: str.isdigit() accepts "³" (int() then fails) and "١".
    if not re.fullmatch(r"[0-9]{1,4}", value) or not MIN_YEAR <= int(value) <= MAX_YEAR:
        raise InvalidParameter(
            _("%(label)s: “%(value)s” is not a year between %(min)s and %(max)s.")
            % {"label": label, "value": value[:10], "min": MIN_YEAR, "max": MAX_YEAR}
        )
    return int(value)


def clean_kind(value: str | None) -> str:
    kind = _text(value)
    if kind and kind not in Publication.Kind.values:
        raise InvalidParameter(
            _("Unknown type of publication: “%(value)s”.") % {"value": kind[:40]}
        )
    return kind


def clean_theme(value: str | None) -> str:
    theme = _text(value)
    if theme and not Category.objects.filter(slug=theme).exists():
        raise InvalidParameter(_("Unknown theme: “%(value)s”.") % {"value": theme[:60]})
    return theme


def clean_year_from(value: str | None) -> int | None:
    return _year(value, _("From year"))


def clean_year_to(value: str | None) -> int | None:
    return _year(value, _("To year"))


def check_years(year_from: int | None, year_to: int | None) -> None:
    if year_from and year_to and year_from > year_to:
        raise InvalidParameter(_("The first year comes after the last one."))


def clean_language(value: str | None) -> str:
    language = _text(value)
    if language and not Language.objects.filter(code=language).exists():
        raise InvalidParameter(
            _("Unknown language: “%(value)s”.") % {"value": language[:10]}
        )
    return language


def clean_organisation(value: str | None) -> str:
    organisation = _text(value)
    if organisation and not Organisation.objects.filter(slug=organisation).exists():
        raise InvalidParameter(
            _("Unknown organisation: “%(value)s”.") % {"value": organisation[:60]}
        )
    return organisation


def clean_author(value: str | None) -> str:
    author = " ".join(_text(value).split())
    if len(author) > 100:
        raise InvalidParameter(
            _("The author's name is too long (100 characters at most).")
        )
    return author


# Each filter of :class:`CatalogueFilters` and the function that reads it: the
# page's form (``documents.forms``) and the API (:func:`parse_catalogue_filters`)
# alike; the years are then checked together (:func:`check_years`).
FILTER_CLEANERS = {
    "kind": clean_kind,
    "theme": clean_theme,
    "year_from": clean_year_from,
    "year_to": clean_year_to,
    "language": clean_language,
    "organisation": clean_organisation,
    "author": clean_author,
}


def parse_catalogue_filters(params) -> CatalogueFilters:
    """Filters from raw values (a mapping); raises :class:`InvalidParameter` with
    every message."""
    values, errors = {}, []
    for name, clean in FILTER_CLEANERS.items():
        try:
            values[name] = clean(params.get(name))
            if name == "year_to":
                check_years(values.get("year_from"), values[name])
        except InvalidParameter as problem:
            errors.extend(problem.messages)
    if errors:
        raise InvalidParameter(errors)
    return CatalogueFilters(**values)
