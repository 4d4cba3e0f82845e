"""Text out of publication files: PDF (with OCR for scans), DOCX, ODT, plain text.

``extract(path)`` gives the pages' text, repaired (``documents.repair``);
``split_languages(text)`` gives its French and Dutch parts, paragraph by paragraph,
so each is indexed with its own language's analysis.

OCR uses ``ocrmypdf`` (Tesseract with French and Dutch, from Debian's packages)
when it is installed; without it a PDF without a text layer is flagged image-only.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from xml.etree import ElementTree as ET

from core.constants import LANGUAGE_CODES
from documents.repair import repair_text

logger = logging.getLogger(__name__)

PAGE_SEPARATOR = "\f"
# A page with fewer letters than this has no usable text layer.
MIN_LETTERS_PER_PAGE = 20
OCR_TIMEOUT_SECONDS = 600


class ExtractionError(Exception):
    """The file cannot be read (damaged, encrypted, unknown format)."""


@dataclass
class Extraction:
    pages: list[str]
    method: str
    image_only: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Pages joined by form feeds (the page markers)."""
        return PAGE_SEPARATOR.join(self.pages)

    @property
    def page_offsets(self) -> list[int]:
        """Where each page starts in :attr:`text`."""
        offsets, position = [], 0
        for page in self.pages:
            offsets.append(position)
            position += len(page) + len(PAGE_SEPARATOR)
        return offsets

    @property
    def page_count(self) -> int:
        return len(self.pages)


def page_of_offset(offsets: list[int], offset: int) -> int:
    """1-based page number holding character ``offset`` of the extracted text."""
    page = 1
    for number, start in enumerate(offsets, start=1):
        if start <= offset:
            page = number
    return page


def ocr_available() -> bool:
    return shutil.which("ocrmypdf") is not None


def extract(path: str | Path, filename: str | None = None) -> Extraction:
    """Extract and repair the text of the file at ``path``.

    ``filename`` (the uploaded name) decides the format when ``path`` has none.
    """
    path = Path(path)
    suffix = Path(filename or path.name).suffix.lower()
    if suffix == ".pdf":
        return _extract_pdf(path)
    if suffix == ".docx":
        return _finish(_docx_pages(path), "docx")
    if suffix == ".odt":
        return _finish(_odt_pages(path), "odt")
    if suffix in {".txt", ".csv"}:
        text = path.read_bytes().decode("utf-8", errors="replace")
        return _finish(text.split(PAGE_SEPARATOR), "text")
    raise ExtractionError(f"No text extractor for {suffix or 'files without suffix'}")


def _finish(pages: list[str], method: str) -> Extraction:
    return Extraction(
        pages=[normalise_page(repair_text(p)) for p in pages], method=method
    )


def normalise_page(text: str) -> str:
    """Trim lines, keep at most one blank line between paragraphs."""
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text)


# --- PDF -----------------------------------------------------------------------


def _pdf_raw_pages(path: Path) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError("The PDF is encrypted.")
        pages = []
        for page in reader.pages:
            try:
                text = split_columns(page.extract_text(extraction_mode="layout"))
            except Exception:  # layout mode is young: fall back to plain mode
                logger.warning("Layout extraction failed on %s", path, exc_info=True)
                text = ""
            if _letters(text) < MIN_LETTERS_PER_PAGE:
                # Layout mode skips some text layers (OCR's invisible text).
                text = page.extract_text() or text
            pages.append(text)
        return pages
    except (PdfReadError, OSError, ValueError) as error:
        raise ExtractionError(f"Unreadable PDF: {error}") from error


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def _empty_pages(pages: list[str]) -> int:
    return sum(1 for page in pages if _letters(page) < MIN_LETTERS_PER_PAGE)


def _extract_pdf(path: Path) -> Extraction:
    """Pages without a text layer (scans) are OCRed when ``ocrmypdf`` is there;
    ``--skip-text`` leaves the other pages as they are. A document whose pages are
    mostly still empty after that is flagged image-only."""
    pages, method = _pdf_raw_pages(path), "pypdf"
    if _empty_pages(pages) and ocr_available():
        try:
            ocr_pages = _ocr_pdf(path)
        except ExtractionError as error:
            logger.warning("OCR failed on %s: %s", path, error)
        else:
            if sum(map(_letters, ocr_pages)) > sum(map(_letters, pages)):
                pages, method = ocr_pages, "ocr"
    result = _finish(pages, method)
    result.image_only = _empty_pages(pages) > len(pages) / 2
    return result


def _ocr_pdf(path: Path) -> list[str]:
    with tempfile.TemporaryDirectory() as workdir:
        output = Path(workdir) / "ocr.pdf"
        command = [
            "ocrmypdf",
            "--quiet",
            "--skip-text",
            "--language",
            "fra+nld",
            "--output-type",
            "pdf",
            str(path),
            str(output),
        ]
        try:
            subprocess.run(  # noqa: S603 - fixed command, our own temporary paths
                command,
                check=True,
                capture_output=True,
                timeout=OCR_TIMEOUT_SECONDS,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            stderr = getattr(error, "stderr", b"") or b""
            raise ExtractionError(stderr.decode(errors="replace")[-500:]) from error
        return _pdf_raw_pages(output)


def split_columns(page: str) -> str:
    """Two-column layouts (a French and a Dutch column): left column, then right.

    Layout-mode text keeps columns side by side; when most lines have a wide gap
    at about the same position, the page is cut there.
    """
    lines = page.split("\n")
    gaps: Counter[int] = Counter()
    text_lines = 0
    for line in lines:
        if len(line.strip()) < 20:
            continue
        text_lines += 1
        for match in re.finditer(r"\S( {4,})\S", line):
            if match.start(1) > 10:
                gaps[match.end(1) // 4] += 1
    if text_lines < 4 or not gaps:
        return page
    bucket, count = gaps.most_common(1)[0]
    if count < text_lines * 0.5:
        return page
    cut = bucket * 4
    left, right = [], []
    for line in lines:
        if len(line) > cut and line[cut - 1 : cut + 1].strip() == "":
            left.append(line[:cut])
            right.append(line[cut:])
        elif len(line) > cut and not line[:cut].strip():
            left.append("")
            right.append(line[cut:])
        else:
            left.append(line)
            right.append("")
    return "\n".join(left).rstrip() + "\n\n" + "\n".join(right)


# --- DOCX and ODT --------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _read_zip_xml(path: Path, member: str) -> ET.Element:
    try:
        with zipfile.ZipFile(path) as archive:
            data = archive.read(member)
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        raise ExtractionError(f"Not a valid document: {error}") from error
    if b"<!DOCTYPE" in data[:2000] or b"<!ENTITY" in data:
        raise ExtractionError("Document type declarations are refused.")
    try:
        return ET.fromstring(data)  # noqa: S314 - DTDs refused above
    except ET.ParseError as error:
        raise ExtractionError(f"Damaged XML: {error}") from error


def _docx_pages(path: Path) -> list[str]:
    body = _read_zip_xml(path, "word/document.xml")
    pages: list[list[str]] = [[]]
    for paragraph in body.iter(f"{_W}p"):
        parts: list[str] = []
        for node in paragraph.iter():
            if node.tag == f"{_W}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{_W}tab":
                parts.append("\t")
            elif node.tag == f"{_W}br" and node.get(f"{_W}type") == "page":
                pages[-1].append("".join(parts))
                parts = []
                pages.append([])
            elif node.tag == f"{_W}br":
                parts.append("\n")
            elif node.tag == f"{_W}lastRenderedPageBreak" and (parts or pages[-1]):
                pages[-1].append("".join(parts))
                parts = []
                pages.append([])
        pages[-1].append("".join(parts))
    return ["\n\n".join(p for p in page if p.strip()) for page in pages]


def _odt_pages(path: Path) -> list[str]:
    root = _read_zip_xml(path, "content.xml")
    pages: list[list[str]] = [[]]

    def text_of(node: ET.Element) -> str:
        parts = [node.text or ""]
        for child in node:
            if child.tag == f"{_TEXT}s":
                parts.append(" " * int(child.get(f"{_TEXT}c", "1")))
            elif child.tag == f"{_TEXT}tab":
                parts.append("\t")
            elif child.tag == f"{_TEXT}line-break":
                parts.append("\n")
            elif child.tag == f"{_TEXT}soft-page-break":
                pass
            else:
                parts.append(text_of(child))
            parts.append(child.tail or "")
        return "".join(parts)

    blocks = {f"{_TEXT}p", f"{_TEXT}h"}
    inside = {
        id(mark)
        for node in root.iter()
        if node.tag in blocks
        for mark in node.iter(f"{_TEXT}soft-page-break")
    }
    for node in root.iter():
        if node.tag == f"{_TEXT}soft-page-break" and id(node) not in inside:
            if pages[-1]:
                pages.append([])
        elif node.tag in blocks:
            if node.find(f"{_TEXT}soft-page-break") is not None and pages[-1]:
                pages.append([])
            pages[-1].append(text_of(node))
    return ["\n\n".join(p for p in page if p.strip()) for page in pages]


# --- languages -----------------------------------------------------------------

# Below this many letters a paragraph (heading, page number) is only trusted when
# the identifier is very sure; otherwise it takes its neighbour's language.
MIN_DETECTION_LETTERS = 40
MIN_SHORT_LETTERS = 10
SHORT_CONFIDENCE = 0.95


@cache
def _identifier():
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True, langs=["fr", "nl", "en", "de"])


def detect_language(text: str) -> str | None:
    """``fr``, ``nl``, ``en`` or ``de`` for a paragraph; None if too short to tell."""
    letters = _letters(text)
    if letters < MIN_SHORT_LETTERS:
        return None
    language, probability = _identifier().classify(text)
    if letters < MIN_DETECTION_LETTERS and probability < SHORT_CONFIDENCE:
        return None
    return language


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\f", text) if p.strip()]


def split_languages(text: str, default: str = "fr") -> dict[str, str]:
    """French and Dutch parts of ``text``, paragraph by paragraph.

    A paragraph too short to tell (a heading) goes with the next paragraph whose
    language is known, as headings precede their text; English or German ones go
    with the paragraph before them.
    """
    items = paragraphs(text)
    detected = [detect_language(p) for p in items]
    resolved: list[str] = []
    following = default
    for language in reversed(detected):
        if language in LANGUAGE_CODES:
            following = language
        resolved.append(following)
    resolved.reverse()
    previous = next((lang for lang in detected if lang in LANGUAGE_CODES), default)
    parts: dict[str, list[str]] = {language: [] for language in LANGUAGE_CODES}
    for paragraph, language, fallback in zip(items, detected, resolved, strict=True):
        if language in LANGUAGE_CODES:
            chosen = previous = language
        elif language is None:
            chosen = fallback
        else:
            chosen = previous
        parts[chosen].append(paragraph)
    return {language: "\n\n".join(texts) for language, texts in parts.items()}
