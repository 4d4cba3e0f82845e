from django.urls import path
from django.utils.translation import gettext_lazy as _

from directory import views

app_name = "directory"

urlpatterns = [
    path(
        _("organisations/<slug:slug>/"), views.organisation_detail, name="organisation"
    ),
    path(_("antennas/<slug:slug>/"), views.antenna_detail, name="antenna"),
    path(_("federations/<slug:slug>/"), views.federation_detail, name="federation"),
    path(_("categories/<slug:slug>/"), views.category_detail, name="category"),
    path(_("communes/<slug:slug>/"), views.commune_detail, name="commune"),
    path(_("organisations/<slug:slug>/report/"), views.report_error, name="report"),
    path(
        _("organisations/<slug:slug>/report/<slug:antenna_slug>/"),
        views.report_error,
        name="report-antenna",
    ),
    path(_("near-me/"), views.nearby, name="nearby"),
    path(_("near-me/print/"), views.nearby_print, name="nearby-print"),
]
