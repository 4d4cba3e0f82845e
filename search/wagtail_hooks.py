from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem

from search.admin_views import query_report


@hooks.register("register_admin_urls")
def register_query_report_url():
    return [path("reports/search-queries/", query_report, name="search_query_report")]


@hooks.register("register_reports_menu_item")
def register_query_report_menu_item():
    # Visitors' queries are personal data: the portal's administrators only.
    return AdminOnlyMenuItem(
        _("Search queries"),
        reverse("search_query_report"),
        icon_name="search",
        order=710,
    )
