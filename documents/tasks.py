"""Background tasks of the documentation centre (django-tasks)."""

from __future__ import annotations

import logging
import shutil
import tempfile
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.search.index import insert_or_update_object

from documents.extraction import ExtractionError, extract, split_languages
from documents.models import Publication, PublicationFile
from search import outbox
from search.models import IndexChange

logger = logging.getLogger(__name__)


@contextmanager
def _local_copy(document):
    """A filesystem path for the document's file, whatever the storage."""
    try:
        yield Path(document.file.path)
        return
    except NotImplementedError:
        pass
    suffix = Path(document.file.name).suffix
    with tempfile.NamedTemporaryFile(suffix=suffix) as copy:
        with document.file.open("rb") as source:
            shutil.copyfileobj(source, copy)
        copy.flush()
        yield Path(copy.name)


@task()
def extract_publication_file(file_id: int) -> str:
    """Extract, repair and split by language the text of a publication file.

    Returns the new extraction status. Saves with ``update()`` so that no signal
    asks for another extraction, then reindexes the file and its publications.
    """
    document = PublicationFile.objects.filter(pk=file_id).first()
    if document is None:
        return "missing"
    Status = PublicationFile.ExtractionStatus
    values: dict = {"extracted_at": timezone.now(), "extraction_error": ""}
    try:
        with _local_copy(document) as path:
            result = extract(path, filename=document.file.name)
    except (ExtractionError, OSError) as error:
        logger.warning("Extraction failed for file %s: %s", file_id, error)
        values.update(
            extraction_status=Status.FAILED,
            extraction_error=str(error)[:2000],
            extracted_text="",
            text_fr="",
            text_nl="",
            page_offsets=[],
        )
    else:
        parts = split_languages(result.text)
        values.update(
            extraction_status=Status.IMAGE_ONLY if result.image_only else Status.DONE,
            extraction_method=result.method,
            extracted_text=result.text,
            page_offsets=result.page_offsets,
            page_count=result.page_count,
            text_fr=parts["fr"],
            text_nl=parts["nl"],
        )
    PublicationFile.objects.filter(pk=file_id).update(**values)
    _reindex(file_id)
    return values["extraction_status"]


def _reindex(file_id: int) -> None:
    document = PublicationFile.objects.get(pk=file_id)
    objects = [document, *Publication.objects.filter(files__document_id=file_id)]
    for obj in objects:
        # The outbox makes sure the engine gets the text even if it is down now.
        outbox.record(obj, IndexChange.Action.UPDATE)
        try:
            insert_or_update_object(obj)
        except Exception:  # the search engine being down must not lose the text
            logger.exception("Could not reindex %r after extraction", obj)


def enqueue_extraction(file_id: int) -> None:
    """Extract the file's text in the background once the transaction commits."""
    transaction.on_commit(partial(_enqueue, file_id))


def _enqueue(file_id: int) -> None:
    try:
        extract_publication_file.enqueue(file_id)
    except Exception:
        logger.exception("Could not enqueue the text extraction of file %s", file_id)
