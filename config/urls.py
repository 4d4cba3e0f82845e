from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap

from config import views
from config.accounts import LimitedLoginView, LimitedPasswordResetView
from config.api import api
from search.views import search_view

urlpatterns = [
    # Before Wagtail's own: the same view with rate limits.
    path(
        "admin/password_reset/",
        LimitedPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/login/", LimitedLoginView.as_view(), name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include("documents.serve_urls")),
    path("healthz", views.healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("sitemap.xml", views.sitemap_index, name="sitemap-index"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("", include("newsletters.urls")),
]

if settings.DEBUG:
    # Never the documents' folder: documents go through documents.serving, which
    # checks the publication's state and access (also in development).
    urlpatterns.append(path("media/<path:path>", views.debug_media))

urlpatterns += i18n_patterns(
    path(_("search/"), search_view, name="search"),
    path("", include("directory.urls")),
    path("", include("documents.urls")),
    path(
        "sitemap.xml",
        django_sitemap,
        {"sitemaps": {"pages": Sitemap}, "template_name": "portal/sitemap.xml"},
        name="sitemap",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
