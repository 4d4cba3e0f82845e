"""Cover thumbnails: the first page of a PDF, rendered with pypdfium2 and cached."""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

COVER_WIDTH = 240


def _cache_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "covers"


def cover_file(document) -> Path | None:
    """A PNG of the document's first page (None when it is no readable PDF)."""
    if document is None or not document.file.name.lower().endswith(".pdf"):
        return None
    if document.extraction_status == "failed":
        return None
    target = _cache_dir() / f"{document.pk}-{document.file_hash or 'nohash'}.png"
    if target.exists():
        return target
    try:
        import pypdfium2 as pdfium

        with document.file.open("rb") as source:
            data = source.read()
        pdf = pdfium.PdfDocument(data)
        try:
            page = pdf[0]
            scale = COVER_WIDTH / page.get_width()
            image = page.render(scale=scale).to_pil()
        finally:
            pdf.close()
        target.parent.mkdir(parents=True, exist_ok=True)
        image.save(target, format="PNG", optimize=True)
    except Exception:  # a damaged PDF has no cover; the page still shows
        logger.warning("No cover for document %s", document.pk, exc_info=True)
        return None
    return target
