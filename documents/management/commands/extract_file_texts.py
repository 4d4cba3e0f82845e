"""Extract (again) the text of publication files: after installing OCR, or after an
improvement of the repair pipeline."""

from django.core.management.base import BaseCommand

from documents.models import PublicationFile
from documents.tasks import extract_publication_file


class Command(BaseCommand):
    help = "Extract the text of publication files (default: those not extracted yet)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Every file, even those already done."
        )
        parser.add_argument(
            "--status",
            choices=[
                value for value, _label in PublicationFile.ExtractionStatus.choices
            ],
            help="Only the files with this status (e.g. image_only after adding OCR).",
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="Enqueue tasks for the worker instead of extracting here.",
        )

    def handle(self, *args, **options):
        files = PublicationFile.objects.order_by("pk")
        if options["status"]:
            files = files.filter(extraction_status=options["status"])
        elif not options["all"]:
            files = files.exclude(
                extraction_status=PublicationFile.ExtractionStatus.DONE
            )
        counts: dict[str, int] = {}
        for pk in files.values_list("pk", flat=True):
            if options["background"]:
                extract_publication_file.enqueue(pk)
                status = "queued"
            else:
                status = extract_publication_file.call(pk)
            counts[status] = counts.get(status, 0) + 1
        summary = ", ".join(f"{status}: {n}" for status, n in sorted(counts.items()))
        self.stdout.write(summary or "No file to extract.")
