from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from search import filters, outbox

        outbox.connect()
        filters.connect_facet_labels()

        from core.navigation import register_nav_entry

        register_nav_entry("search", 20, _("Search"), "search")
