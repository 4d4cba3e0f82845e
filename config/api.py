"""The portal's JSON API, version 1: ``/api/v1/``; OpenAPI document at
``/api/v1/openapi.json``."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError

from config.api_vocabularies import add_vocabularies
from core.api_support import ApiError, language_of, parameter_problems
from directory.api import router as directory_router
from documents.api import router as documents_router
from search.api import router as search_router


class PortalAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        return add_vocabularies(super().get_openapi_schema(*args, **kwargs))


api = PortalAPI(
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


def _error_language(request) -> str:
    """The language of an error: ``lang`` when it is valid, else the request's."""
    lang = request.GET.get("lang", "")
    if lang in dict(settings.LANGUAGES):
        return lang
    return language_of(request)


@api.exception_handler(ValidationError)
def bad_parameters(request, exc):
    """A value that does not have its documented type: a 400 naming each
    parameter and what it expects, in the requested language."""
    with translation.override(_error_language(request)):
        problems = parameter_problems(exc.errors, request.GET)
        detail = " ".join(problem["message"] for problem in problems) or _(
            "Invalid parameters."
        )
        return api.create_response(
            request, {"detail": detail, "errors": problems}, status=400
        )


@api.exception_handler(ApiError)
def api_error(request, exc):
    return api.create_response(request, {"detail": str(exc), "errors": []}, status=400)
