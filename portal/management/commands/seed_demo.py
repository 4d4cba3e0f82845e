"""Create (or bring up to date) the demo site. Safe to run again.

``--if-empty`` (what ``make run`` uses) seeds only a site that has no home page yet:
once editors work on the portal, starting it again must not overwrite their names
and descriptions with the demo's. Without it, the demo content is restored.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone, translation
from wagtail.models import Locale, Page, Site

from core.demo_registry import run_demo_seeders, set_translated
from portal import demo_data
from portal.models import HomePage, PortalSettings, StandardPage

PAGE_FIELDS = ("title", "slug", "seo_title", "search_description", "intro", "body")


def _assign(page: Page, spec: dict) -> bool:
    """Copy the spec's texts onto ``page``; True if anything changed."""
    return set_translated(page, spec, PAGE_FIELDS)


class Command(BaseCommand):
    help = "Create or update the bilingual demo content (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Seed only when the site has no home page yet (never overwrite "
            "editors' work).",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        if options["if_empty"] and HomePage.objects.exists():
            self.stdout.write(
                "Demo content already present: left as it is "
                "(run `manage.py seed_demo` to restore the demo)."
            )
            return
        with translation.override("fr"):
            home = self._home()
            pages = {
                spec["key"]: self._standard(home, spec)
                for spec in demo_data.STANDARD_PAGES
            }
            site = self._site(home)
            portal_settings = PortalSettings.for_site(site)
            for key, page in pages.items():
                setattr(portal_settings, key, page)
            portal_settings.contact_email = portal_settings.contact_email or (
                "contact@portail-social.example"
            )
            portal_settings.save()
            self._extend(home)
        self.stdout.write(self.style.SUCCESS("Demo content ready."))

    def _extend(self, home: HomePage) -> None:
        """Hook for the other apps' demo content (directory, documents, newsletters)."""
        run_demo_seeders(self, home)

    def _home(self) -> HomePage:
        home = HomePage.objects.first()
        root = self._root()
        if home is None:
            home = HomePage()
            _assign(home, demo_data.HOME)
            root.add_child(instance=home)
            # Wagtail's default "Welcome" page is replaced by ours.
            for page in root.get_children().exclude(pk=home.pk):
                page.delete()
        if _assign(home, demo_data.HOME) or home.latest_revision_id is None:
            home.save_revision().publish()
        return HomePage.objects.get(pk=home.pk)

    def _root(self) -> Page:
        """The tree's root; recreated if the database was emptied (flushed)."""
        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.get_first_root_node()
        if root is None:
            root = Page.add_root(
                instance=Page(
                    title="Root",
                    title_fr="Root",
                    title_nl="Root",
                    slug="root",
                    slug_fr="root",
                    slug_nl="root",
                )
            )
        return root

    def _standard(self, home: HomePage, spec: dict) -> StandardPage:
        page = (
            StandardPage.objects.child_of(home)
            .filter(slug_fr=spec["slug"]["fr"])
            .first()
        )
        if page is None:
            page = StandardPage()
            _assign(page, spec)
            page.show_in_menus = True
            page.last_reviewed = timezone.localdate()
            home.add_child(instance=page)
        if _assign(page, spec) or page.latest_revision_id is None:
            page.save_revision().publish()
        return StandardPage.objects.get(pk=page.pk)

    def _site(self, home: HomePage) -> Site:
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        site.root_page = home
        site.site_name = "Portail social · Sociaal portaal"
        site.save()
        return site
