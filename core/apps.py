from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The toolkit every app may use: languages, the API's error shapes, shared
    blocks, rate limits, two-factor sign-in, the navigation and demo registries.
    It imports no app of the project."""

    name = "core"
    verbose_name = _("Core")
