"""The portal's editorial pages in the search (type ``page``)."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.search_contracts import ResultType


def result_types() -> list[ResultType]:
    return [
        ResultType(
            "page",
            _("Page"),
            Page,
            lambda: Page.objects.live().public().specific(),
            lambda page: page.get_url(),
            title_field="title",
            summary_field="search_description",
        )
    ]
