from django import template

from directory.contacts import tel_href as _tel_href

register = template.Library()


@register.filter
def tel_href(number: str) -> str:
    """``{{ antenna.phone|tel_href }}`` → "tel:+3224355050" (or "" if no digits)."""
    return _tel_href(number)
