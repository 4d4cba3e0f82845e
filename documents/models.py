from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document


class PublicationFile(AbstractDocument):
    """A file attached to a publication (PDF, DOCX, ODT…), with its extracted text.

    Defined before the first migration because Wagtail's document model cannot be
    swapped later; the documentation centre fills ``extracted_text`` in a task.
    """

    class ExtractionStatus(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Text extracted")
        IMAGE_ONLY = "image_only", _("Image only (no text layer)")
        FAILED = "failed", _("Extraction failed")

    extracted_text = models.TextField(_("extracted text"), blank=True)
    extraction_status = models.CharField(
        _("extraction status"),
        max_length=20,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.PENDING,
    )
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("publication file")
        verbose_name_plural = _("publication files")
