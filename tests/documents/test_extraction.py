"""Extraction, repair and language split on real files, and the background task."""

import io
import shutil
import zipfile
from pathlib import Path

import pypdf
import pytest
from django.core.files.base import ContentFile
from django.test import TestCase

from documents import extraction
from documents.extraction import (
    PAGE_SEPARATOR,
    ExtractionError,
    detect_language,
    extract,
    page_of_offset,
    split_languages,
)
from documents.models import Publication, PublicationFile, PublicationFileLink

DEMO_PDF = Path(extraction.__file__).parent / "demo_data" / "defective.pdf"


def test_the_demo_pdf_really_has_the_defects():
    """Its raw text (what any extractor reads) is broken as real sector PDFs are."""
    raw = "\n".join(page.extract_text() for page in pypdf.PdfReader(DEMO_PDF).pages)
    assert len(pypdf.PdfReader(DEMO_PDF).pages) >= 3
    assert "� ches" in raw
    assert "di� érentes" in raw
    assert "betrek-\nking" in raw
    assert "H e t" in raw
    assert "fiches" not in raw.replace("f i c h e", "")
    assert "différentes" not in raw
    assert "betrekking" not in raw


def test_extraction_and_repair_of_the_demo_pdf():
    result = extract(DEMO_PDF)
    assert result.method == "pypdf"
    assert not result.image_only
    assert result.page_count == 3
    text = result.text
    for expected in ("fiches", "différentes", "betrekking", "Het doel van"):
        assert expected in text
    assert "porte-parole" in text
    assert "\ufffd" not in text
    # Page markers and offsets: the third page starts where the offsets say.
    assert text.count(PAGE_SEPARATOR) == 2
    third = result.page_offsets[2]
    assert text[third:].startswith("Qui peut vous aider")
    assert page_of_offset(result.page_offsets, text.index("Wie kan u helpen")) == 3
    assert page_of_offset(result.page_offsets, text.index("betrekking")) == 1


def test_the_demo_pdf_is_split_by_language():
    parts = split_languages(extract(DEMO_PDF).text)
    assert "Les fiches d'information" in parts["fr"]
    assert "différentes" in parts["fr"]
    assert "Het doel van deze fiche" in parts["nl"]
    assert "betrekking" in parts["nl"]
    assert "betrekking" not in parts["fr"]
    assert "différentes" not in parts["nl"]
    # Headings follow the paragraph after them.
    assert "Wie kan u helpen" in parts["nl"]
    assert "Qui peut vous aider" in parts["fr"]


def test_language_detection_of_a_paragraph():
    assert detect_language("Les travailleurs sociaux sont tenus au secret.") == "fr"
    assert (
        detect_language("Maatschappelijk werkers zijn gebonden door het geheim.")
        == "nl"
    )
    assert detect_language("12") is None


def _docx(paragraphs_by_page: list[list[str]]) -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = []
    for number, paragraphs in enumerate(paragraphs_by_page):
        for index, text in enumerate(paragraphs):
            page_break = (
                '<w:r><w:br w:type="page"/></w:r>' if number and index == 0 else ""
            )
            body.append(f"<w:p>{page_break}<w:r><w:t>{text}</w:t></w:r></w:p>")
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}">'
        f"<w:body>{''.join(body)}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


def test_docx_extraction_with_pages(tmp_path):
    path = tmp_path / "fiche.docx"
    path.write_bytes(
        _docx(
            [
                ["Les fiches d'information sont mises à jour chaque année."],
                ["De fiches worden elk jaar bijgewerkt door het documentatiecentrum."],
            ]
        )
    )
    result = extract(path)
    assert result.method == "docx"
    assert result.page_count == 2
    assert result.pages[1].startswith("De fiches worden")


def test_odt_extraction(tmp_path):
    text_ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    xml = (
        f'<office:document-content xmlns:office="{office}" xmlns:text="{text_ns}">'
        "<office:body><office:text>"
        "<text:h>Le congé parental</text:h>"
        '<text:p>Le travailleur<text:s text:c="2"/>avertit son employeur.</text:p>'
        "<text:p><text:soft-page-break/>"
        "Het ouderschapsverlof wordt aangevraagd.</text:p>"
        "</office:text></office:body></office:document-content>"
    )
    path = tmp_path / "fiche.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", xml)
    result = extract(path)
    assert result.page_count == 2
    assert "Le travailleur avertit son employeur." in result.pages[0]
    assert result.pages[1] == "Het ouderschapsverlof wordt aangevraagd."


def test_xml_with_a_doctype_is_refused(tmp_path):
    path = tmp_path / "evil.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "word/document.xml",
            '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
        )
    with pytest.raises(ExtractionError):
        extract(path)


def test_a_damaged_pdf_raises(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not a pdf")
    with pytest.raises(ExtractionError):
        extract(path)


def test_unknown_format_raises(tmp_path):
    path = tmp_path / "picture.png"
    path.write_bytes(b"\x89PNG")
    with pytest.raises(ExtractionError):
        extract(path)


def _image_pdf(path: Path, lines: list[str]) -> None:
    """A scanned-like PDF: one image per page, no text layer."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 40)
    image = Image.new("RGB", (1654, 2339), "white")  # A4 at 200 dpi
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((120, 150 + number * 70), line, fill="black", font=font)
    image.save(path, "PDF", resolution=200)


SCAN_LINES = [
    "Le secret professionnel des travailleurs",
    "sociaux est une obligation importante.",
    "Het beroepsgeheim van maatschappelijk",
    "werkers is een belangrijke verplichting.",
]


def test_an_image_only_pdf_is_flagged_when_ocr_is_unavailable(tmp_path, monkeypatch):
    path = tmp_path / "scan.pdf"
    _image_pdf(path, SCAN_LINES)
    monkeypatch.setattr(extraction, "ocr_available", lambda: False)
    result = extract(path)
    assert result.image_only
    assert result.text.strip() == ""


@pytest.mark.skipif(
    shutil.which("ocrmypdf") is None, reason="ocrmypdf (Debian package) not installed"
)
def test_an_image_only_pdf_is_ocred_in_french_and_dutch(tmp_path):
    path = tmp_path / "scan.pdf"
    _image_pdf(path, SCAN_LINES)
    result = extract(path)
    assert result.method == "ocr"
    assert not result.image_only
    assert "professionnel" in result.text
    assert "beroepsgeheim" in result.text


# --- the background task ---------------------------------------------------------


@pytest.mark.django_db
def test_uploading_a_file_extracts_its_text_in_a_task():
    with TestCase.captureOnCommitCallbacks(execute=True):
        document = PublicationFile(title="Démo")
        document.file.save("demo.pdf", ContentFile(DEMO_PDF.read_bytes()), save=False)
        document._set_document_file_metadata()
        document.save()
    document.refresh_from_db()
    assert document.extraction_status == PublicationFile.ExtractionStatus.DONE
    assert document.page_count == 3
    assert document.extraction_method == "pypdf"
    assert document.page_offsets[0] == 0 and len(document.page_offsets) == 3
    assert "différentes" in document.text_fr
    assert "betrekking" in document.text_nl
    assert document.extracted_at is not None


@pytest.mark.django_db
def test_the_publication_exposes_its_files_text_per_language():
    with TestCase.captureOnCommitCallbacks(execute=True):
        document = PublicationFile(title="Démo")
        document.file.save("demo.pdf", ContentFile(DEMO_PDF.read_bytes()), save=False)
        document.save()
    publication = Publication.objects.create(
        external_id="t-1", kind="brochure", title="Fiches", title_fr="Fiches"
    )
    PublicationFileLink.objects.create(publication=publication, document=document)
    assert "Het doel van deze fiche" in publication.file_text_nl()
    assert "Les fiches d'information" in publication.file_text_fr()
    assert "Het doel" not in publication.file_text_fr()


@pytest.mark.django_db
def test_editing_the_title_does_not_extract_again(monkeypatch):
    with TestCase.captureOnCommitCallbacks(execute=True):
        document = PublicationFile(title="Démo")
        document.file.save("demo.pdf", ContentFile(DEMO_PDF.read_bytes()), save=False)
        document.save()
    calls = []
    monkeypatch.setattr("documents.signals.enqueue_extraction", calls.append)
    document.title = "Autre titre"
    document.save()
    assert calls == []
    document.file.save("other.pdf", ContentFile(DEMO_PDF.read_bytes()), save=False)
    document.file_hash = "changed"
    document.save()
    assert calls == [document.pk]


@pytest.mark.django_db
def test_a_damaged_file_is_marked_failed_with_its_error():
    with TestCase.captureOnCommitCallbacks(execute=True):
        document = PublicationFile(title="Cassé")
        document.file.save("broken.pdf", ContentFile(b"%PDF-1.4 broken"), save=False)
        document.save()
    document.refresh_from_db()
    assert document.extraction_status == PublicationFile.ExtractionStatus.FAILED
    assert document.extraction_error


@pytest.mark.django_db
def test_a_scan_is_flagged_image_only_for_editors(tmp_path, monkeypatch):
    path = tmp_path / "scan.pdf"
    _image_pdf(path, SCAN_LINES)
    monkeypatch.setattr(extraction, "ocr_available", lambda: False)
    with TestCase.captureOnCommitCallbacks(execute=True):
        document = PublicationFile(title="Scan")
        document.file.save("scan.pdf", ContentFile(path.read_bytes()), save=False)
        document.save()
    document.refresh_from_db()
    assert document.extraction_status == PublicationFile.ExtractionStatus.IMAGE_ONLY


def test_two_columns_side_by_side_are_read_one_after_the_other():
    """Mutmail prints French and Dutch side by side; layout text keeps them on the
    same lines, which would mix the languages in every paragraph."""
    left = [
        "Le secret professionnel des",
        "travailleurs sociaux repose sur",
        "l'article 458 du Code pénal et",
        "protège les personnes aidées.",
    ]
    right = [
        "Het beroepsgeheim van",
        "maatschappelijk werkers steunt op",
        "artikel 458 van het Strafwetboek",
        "en beschermt de geholpen mensen.",
    ]
    page = "\n".join(f"{a:<40}      {b}" for a, b in zip(left, right, strict=True))
    text = extraction.split_columns(page)
    french, dutch = text.split("\n\n")
    assert [line.strip() for line in french.split("\n")] == left
    assert [line.strip() for line in dutch.split("\n")] == right
    parts = split_languages(extraction.normalise_page(text))
    assert "Code pénal" in parts["fr"] and "Strafwetboek" not in parts["fr"]
    assert "Strafwetboek" in parts["nl"]


def test_a_single_column_page_is_left_alone():
    page = "Une ligne ordinaire de texte français.\nEt une autre, sans colonnes."
    assert extraction.split_columns(page) == page


@pytest.mark.django_db
def test_the_command_extracts_files_not_done_yet(monkeypatch):
    from django.core.management import call_command

    document = PublicationFile(title="Démo")
    document.file.save("demo.pdf", ContentFile(DEMO_PDF.read_bytes()), save=False)
    document.save()  # outside a captured commit: no extraction yet
    assert PublicationFile.objects.get(pk=document.pk).extraction_status == "pending"
    out = io.StringIO()
    call_command("extract_file_texts", stdout=out)
    assert out.getvalue().strip() == "done: 1"
    assert "betrekking" in PublicationFile.objects.get(pk=document.pk).text_nl
    out = io.StringIO()
    call_command("extract_file_texts", stdout=out)
    assert out.getvalue().strip() == "No file to extract."
    out = io.StringIO()
    call_command("extract_file_texts", "--all", stdout=out)
    assert out.getvalue().strip() == "done: 1"


@pytest.mark.skipif(
    shutil.which("ocrmypdf") is None, reason="ocrmypdf (Debian package) not installed"
)
def test_a_scanned_page_inside_a_text_pdf_is_ocred(tmp_path):
    scan = tmp_path / "scan.pdf"
    _image_pdf(scan, SCAN_LINES)
    writer = pypdf.PdfWriter()
    writer.append(str(DEMO_PDF))
    writer.append(str(scan))
    mixed = tmp_path / "mixed.pdf"
    with mixed.open("wb") as out:
        writer.write(out)
    result = extract(mixed)
    assert result.method == "ocr"
    assert result.page_count == 4
    assert "betrekking" in result.pages[0]
    assert "beroepsgeheim" in result.pages[3]


@pytest.mark.skipif(
    not Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists(),
    reason="fonts-dejavu-core (Debian package) not installed",
)
def test_the_committed_demo_pdf_is_what_its_script_makes(tmp_path):
    from documents.demo_data.make_defective_pdf import main

    rebuilt = main(tmp_path / "rebuilt.pdf")

    def raw(path):
        return [page.extract_text() for page in pypdf.PdfReader(path).pages]

    assert raw(rebuilt) == raw(DEMO_PDF)
