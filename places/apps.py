from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    """Where things are: Belgium's communes and postcodes, geocoding, distances,
    public holidays, opening hours and maps. It imports no app but ``core``."""

    name = "places"
    verbose_name = _("Places")
