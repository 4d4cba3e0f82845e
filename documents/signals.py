"""Text extraction after a publication file is uploaded or replaced."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from documents.models import PublicationFile
from documents.tasks import enqueue_extraction


@receiver(pre_save, sender=PublicationFile)
def read_stored_file(
    sender: type[PublicationFile],
    instance: PublicationFile,
    raw: bool = False,
    **kwargs: Any,
) -> None:
    instance._stored_file = None
    if raw or instance.pk is None:
        return
    instance._stored_file = (
        PublicationFile.objects.filter(pk=instance.pk)
        .values_list("file", "file_hash")
        .first()
    )


@receiver(post_save, sender=PublicationFile)
def extract_after_save(
    sender: type[PublicationFile],
    instance: PublicationFile,
    created: bool = False,
    raw: bool = False,
    **kwargs: Any,
) -> None:
    """A new or replaced file is (re)extracted; editing its title is not enough."""
    if raw:
        return
    stored = getattr(instance, "_stored_file", None)
    changed = stored is not None and stored != (instance.file.name, instance.file_hash)
    if created or changed:
        if not created:
            PublicationFile.objects.filter(pk=instance.pk).update(
                extraction_status=PublicationFile.ExtractionStatus.PENDING
            )
        enqueue_extraction(instance.pk)
