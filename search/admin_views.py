"""The editors' report of what visitors search for."""

from __future__ import annotations

from datetime import date

from django.http import HttpResponseForbidden
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from search import outbox
from search.stats import monthly_report


def query_report(request):
    """What visitors searched for, month by month.

    Queries typed by visitors may hold personal data (names, addresses, health
    situations): only the portal's administrators (superusers) read them, never
    the federation editors nor the member organisation accounts.
    """
    if not request.user.is_superuser:
        # A plain 403: Wagtail's admin would turn PermissionDenied into a redirect.
        return HttpResponseForbidden(
            _("Only the portal's administrators can read visitors' search queries.")
        )
    month = None
    error = None
    value = request.GET.get("month", "")
    if value:
        try:
            year, number = (int(part) for part in value.split("-", 1))
            month = date(year, number, 1)
        except ValueError:
            error = _("Give the month as YYYY-MM, e.g. 2026-11.")
    report = monthly_report(month)
    return TemplateResponse(
        request,
        "search/admin/query_report.html",
        {
            "report": report,
            "error": error,
            "month_value": value or report["month"].strftime("%Y-%m"),
            "pending_changes": outbox.pending(),
            "page_title": _("Search queries"),
        },
    )
