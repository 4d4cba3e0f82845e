"""Template tags of the two languages, for every app's templates:
``{% load language_tags %}``."""

from django import template

from core.languages import after_de as elide_after_de
from core.languages import in_language

register = template.Library()


@register.simple_tag
def translated(obj, field):
    """``{% translated page "intro" as intro %}``: value, ``lang`` and fallback flag."""
    return in_language(obj, field)


@register.filter
def after_de(place):
    """``{{ place|after_de }}``: "d’Anvers" / "de Namur" in French (see
    :func:`core.languages.after_de`); the name unchanged in Dutch."""
    return elide_after_de(str(place))
