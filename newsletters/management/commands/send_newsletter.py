"""Send an issue (or show, with --dry-run, who would receive what)."""

from django.core.management.base import BaseCommand, CommandError

from newsletters import sending
from newsletters.models import NewsletterIssuePage


class Command(BaseCommand):
    help = (
        "Send a newsletter issue to its confirmed subscribers in the background. "
        "ISSUE is the page id or the issue number (e.g. 25-26)."
    )

    def add_arguments(self, parser):
        parser.add_argument("issue")
        parser.add_argument(
            "--dry-run", action="store_true", help="List recipients; send nothing."
        )
        parser.add_argument("--test", metavar="EMAIL", help="Send a test to EMAIL.")

    def handle(self, *args, issue, dry_run, test, **options):
        page = self._issue(issue)
        if dry_run:
            rows = sending.dry_run(page)
            for email, languages, subject in rows:
                self.stdout.write(f"{email}\t{languages}\t{subject}")
            self.stdout.write(
                f"{len(rows)} recipient(s) would receive N° {page.number}."
            )
            return
        try:
            if test:
                sending.send_test(page, test)
                self.stdout.write(f"Test sent to {test}.")
                return
            created = sending.start_sending(page)
        except sending.SendRefused as refused:
            raise CommandError(str(refused)) from refused
        self.stdout.write(
            f"Sending queued: {created} new recipient(s); "
            "the task worker (manage.py db_worker) sends them."
        )

    def _issue(self, value: str) -> NewsletterIssuePage:
        issues = NewsletterIssuePage.objects.all()
        if value.isdigit():
            found = issues.filter(pk=int(value))
        else:
            found = issues.filter(number=value)
        if found.count() != 1:
            raise CommandError(
                f"No single issue matches {value!r}: give its page id or number."
            )
        return found.get()
