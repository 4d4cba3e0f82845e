import posixpath

from django.conf import settings
from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.static import serve

from config.health import check_database, check_static
from search.node import DATABASE, detect


@never_cache
def healthz(request):
    """Liveness for load balancers and monitoring: 503 "down" when a page cannot
    be served (database not writable, static manifest missing), "degraded" when
    the engine is down and the database answers the searches."""
    database = check_database()
    static = check_static()
    search: dict = {"backend": DATABASE, "version": None, "answering": DATABASE}
    degraded = False
    if settings.SEARCH_URL:
        info = detect(fresh=True)
        if info is None:
            degraded = True
            search.update(fallback=True, engine_reachable=False)
        else:
            search.update(backend=info.name, version=info.version, answering=info.name)

    if not (database["ok"] and static["ok"]):
        status, code = "down", 503
    elif degraded:
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse(
        {"status": status, "database": database, "static": static, "search": search},
        status=code,
    )


def sitemap_index(request):
    """``/sitemap.xml``: one sitemap per language."""
    entries = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            url = request.build_absolute_uri(reverse("sitemap"))
        entries.append(f"  <sitemap><loc>{url}</loc></sitemap>")
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(entries)
        + "\n</sitemapindex>\n"
    )
    return HttpResponse(body, content_type="application/xml")


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def favicon(request):
    return HttpResponsePermanentRedirect(static("portal/favicon.svg"))


def debug_media(request, path: str):
    """``/media/`` in development (DEBUG only, see ``config.urls``), without the
    documents' folder: documents go through ``documents.serving``, which checks
    the publication's state and access. The path is normalised first, so that
    ``x/../documents/`` does not get round it."""
    normalised = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
    if normalised == "documents" or normalised.lower().startswith("documents/"):
        raise Http404("Documents are served at /documents/.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)
