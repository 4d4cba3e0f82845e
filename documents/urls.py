from django.urls import path
from django.utils.translation import gettext_lazy as _

from documents import views

app_name = "documents"

urlpatterns = [
    path(_("publications/"), views.publication_list, name="publication-list"),
    path(
        _("publications/<slug:slug>/"),
        views.publication_detail,
        name="publication-detail",
    ),
    path(
        _("publications/<slug:slug>/cite/<str:format>/"),
        views.publication_citation,
        name="publication-citation",
    ),
    path(
        _("publications/<slug:slug>/cover.png"),
        views.publication_cover,
        name="publication-cover",
    ),
]
