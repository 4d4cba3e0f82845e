"""What the documentation centre adds to the portal's search: its kinds of
content and their facets (year, type of document, authority, in force)."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.parameters import FALSE, TRUE
from core.search_contracts import FacetSpec, ResultType, choice_labels
from documents.models import Authority, LegislationFichePage, Publication


def result_types() -> list[ResultType]:
    return [
        ResultType(
            name="publication",
            label=_("Publication"),
            model=Publication,
            queryset=lambda: Publication.objects.public(),
            url=lambda publication: publication.get_absolute_url(),
            title_field="title",
            summary_field="abstract",
        ),
        ResultType(
            name="fiche",
            label=_("Legislation fiche"),
            model=LegislationFichePage,
            queryset=lambda: LegislationFichePage.objects.live().public(),
            url=lambda page: page.get_url(),
            title_field="title",
            summary_field="summary",
        ),
    ]


def _validity_labels(values, language: str) -> dict[str, str]:
    with translation.override(language):
        return {"true": str(_("In force")), "false": str(_("No longer in force"))}


def facets() -> list[FacetSpec]:
    return [
        FacetSpec(
            "year",
            _("Year"),
            "year",
            kinds=("publication",),
            value_type=int,
            pattern=r"[0-9]{4}",
            pattern_message=lambda: str(_("Give years with four digits, e.g. 2024.")),
        ),
        FacetSpec(
            "document_type",
            _("Document type"),
            "kind",
            kinds=("publication",),
            choices=tuple(Publication.Kind.values),
            labels=choice_labels(Publication.Kind),
        ),
        FacetSpec(
            "authority",
            _("Authority"),
            "authority",
            kinds=("fiche",),
            choices=tuple(Authority.values),
            labels=choice_labels(Authority),
        ),
        FacetSpec(
            "valid",
            _("In force"),
            "is_valid",
            kinds=("fiche",),
            multiple=False,
            value_type=bool,
            choices=tuple(sorted(TRUE | FALSE)),
            labels=_validity_labels,
        ),
    ]
