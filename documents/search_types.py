"""What the documentation centre adds to the portal's search."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from documents.models import LegislationFichePage, Publication
from search.registry import ResultType


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
