"""The portal's JSON API, version 1: ``/api/v1/``; OpenAPI document at
``/api/v1/openapi.json``."""

from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError

from directory.api import router as directory_router
from documents.api import router as documents_router
from portal.api_support import ApiError
from search.api import router as search_router

api = NinjaAPI(
    title="Portail social · Sociaal portaal",
    version="1",
    description="Bilingual directory and search of the Brussels and Walloon social "
    "and health sector.",
    urls_namespace="api-v1",
    docs_url=None,  # the interactive docs load their assets from a CDN
)
api.add_router("/directory", directory_router)
api.add_router("/documents", documents_router)
api.add_router("/search", search_router)


@api.exception_handler(ValidationError)
def bad_parameters(request, exc):
    return api.create_response(
        request, {"detail": _("Invalid parameters."), "errors": exc.errors}, status=400
    )


@api.exception_handler(ApiError)
def api_error(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=400)
