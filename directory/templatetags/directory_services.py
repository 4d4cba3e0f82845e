from django import template

from directory.models import Service
from directory.service_words import (
    ServiceCard,
    public_services,
    service_cards,
    text_html,
)

register = template.Library()


@register.simple_tag
def antenna_services(antenna) -> list[ServiceCard]:
    """The services offered at ``antenna``, for the printable referral list:
    public contacts only, since the list is handed to the person referred."""
    services = public_services(Service.objects.filter(locations__antenna=antenna))
    return service_cards(services, show_professionals=False, antenna=antenna)


@register.filter
def with_language(value) -> str:
    """``{{ card.name|with_language }}``: a TranslatedValue escaped; in the other
    language with its ``lang`` and a short notice (see ``service_words``)."""
    return text_html(value)
