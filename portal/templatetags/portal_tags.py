from django import template
from django.conf import settings
from django.utils import translation

from core.languages import language_links
from core.navigation import navigation
from core.templatetags.language_tags import after_de, translated
from search.urgent import urgent_lines as urgent_help_lines

register = template.Library()
# The language tags of every app, under portal_tags too (the portal's templates).
register.simple_tag(translated)
register.filter(after_de)


@register.simple_tag(takes_context=True)
def get_language_links(context):
    request = context.get("request")
    if request is None:
        return []
    return language_links(
        request, context.get("page"), context.get("language_alternates")
    )


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


@register.simple_tag
def urgent_lines():
    """The urgent-help phone lines shown on every page, in the visitor's language."""
    return urgent_help_lines(translation.get_language() or settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def site_navigation(context):
    """The main navigation's links (see :mod:`core.navigation`)."""
    request = context.get("request")
    return navigation(request) if request is not None else []
