"""``manage.py sync_search_index``: rebuild the engine's indexes when they are
stale (analysis, synonyms or mapping changed), else only replay the outbox."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from search import outbox
from search.freshness import stale_indexes


class Command(BaseCommand):
    help = "Rebuild the search indexes if their settings changed; replay the outbox."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only say whether a rebuild is due (exit status 1 if so).",
        )

    def handle(self, *args, check=False, **options):
        if not settings.SEARCH_URL:
            self.stdout.write(
                "No search engine configured (SEARCH_URL): nothing to do."
            )
            return
        stale = stale_indexes()
        if check:
            if stale:
                self.stdout.write("Stale: " + ", ".join(stale))
                raise SystemExit(1)
            self.stdout.write("The search indexes are up to date.")
            return
        if stale:
            self.stdout.write("Rebuilding, settings changed for: " + ", ".join(stale))
            call_command("update_index", backend_name="default", stdout=self.stdout)
        else:
            applied, failed = outbox.replay()
            self.stdout.write(
                f"The search indexes are up to date; {applied} change(s) replayed."
            )
