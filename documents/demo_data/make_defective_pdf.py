"""Build ``defective.pdf``: a bilingual PDF whose extracted text has real-world defects.

Run ``python documents/demo_data/make_defective_pdf.py`` (needs fontTools and Debian's
``fonts-dejavu-core``); the result is committed beside this script, so neither is
needed to run the portal or its tests.

PDF libraries write a complete ToUnicode map, so the defects are made by hand:

- the text uses the ligature glyphs ﬁ ﬂ ﬀ ﬃ ﬄ of a DejaVu Sans subset embedded as a
  CID font, and the ToUnicode CMap maps those glyphs to U+FFFD, as the broken
  print-shop PDFs of the sector do, so an extractor reads ``� ches`` for "fiches";
- each ligature is followed by a small positive gap, which extractors turn into a
  space (``di� érentes``);
- words are hyphenated at line ends (``betrek-`` / ``king``), beside a real compound
  split on its hyphen (``porte-`` / ``parole``), which must keep its hyphen;
- headings are letter-spaced (every glyph placed on its own), so the text comes
  out as ``H e t  d o e l  v a n``.

Three pages, French and Dutch paragraphs alternating.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
OUTPUT = Path(__file__).with_name("defective.pdf")

LIGATURES = {
    "ffi": "\ufb03",
    "ffl": "\ufb04",
    "ff": "\ufb00",
    "fi": "\ufb01",
    "fl": "\ufb02",
}

# (kind, text) per page; "H" = letter-spaced heading, "P" = paragraph, each line
# of a paragraph broken by hand (a line ending with "-" is a hyphenation).
PAGES: list[list[tuple[str, str]]] = [
    [
        ("H", "Le secret professionnel"),
        (
            "P",
            "Les fiches d'information présentent les différentes\n"
            "règles qui s'appliquent aux travailleurs sociaux. Le\n"
            "secret professionnel est une obligation of-\n"
            "ficielle, et le porte-\n"
            "parole du service ne peut pas s'y soustraire.",
        ),
        ("H", "Het doel van deze fiche"),
        (
            "P",
            "Deze fiches geven informatie met betrek-\n"
            "king tot het beroepsgeheim van maatschappelijk\n"
            "werkers. De verschillende regels zijn officieel\n"
            "bekendgemaakt in het Belgisch Staatsblad.",
        ),
    ],
    [
        ("H", "La facture maximale"),
        (
            "P",
            "Le maximum à facturer est un mécanisme efficace qui\n"
            "plafonne les dépenses de soins de santé d'un mé-\n"
            "nage. Les affiliés ne doivent faire aucune démarche:\n"
            "la mutualité rembourse d'office la différence.",
        ),
        ("H", "De maximumfactuur"),
        (
            "P",
            "De maximumfactuur beperkt de medische kosten van\n"
            "een gezin. Het ziekenfonds betaalt het verschil\n"
            "automatisch terug, zonder dat de aangesloten een\n"
            "aanvraag moet indienen. Dit is een flexibele en\n"
            "efficiënte regeling.",
        ),
    ],
    [
        ("H", "Qui peut vous aider"),
        (
            "P",
            "Les services sociaux des mutualités et les CPAS vous\n"
            "informent sur vos droits. Un afflux de demandes peut\n"
            "allonger le délai; ils restent toutefois votre premier\n"
            "interlocuteur pour ces différentes questions.",
        ),
        ("H", "Wie kan u helpen"),
        (
            "P",
            "Het OCMW en de sociale dienst van het ziekenfonds\n"
            "geven u graag meer uitleg. De medewerkers staan u\n"
            "bij voor alle fiscale en sociale vragen in verband\n"
            "met uw rechten.",
        ),
    ],
]

PAGE_WIDTH, PAGE_HEIGHT = 595, 842
MARGIN = 60
BODY_SIZE = 11
HEADING_SIZE = 16


def ligate(text: str) -> str:
    for letters, ligature in LIGATURES.items():
        text = text.replace(letters, ligature)
    return text


def build_font() -> tuple[bytes, TTFont]:
    characters = {
        ch
        for page in PAGES
        for _kind, text in page
        for ch in ligate(text) + text
        if ch != "\n"
    } | set("0123456789")
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = TTFont(FONT_PATH)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(ch) for ch in characters])
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    data = buffer.getvalue()
    return data, TTFont(io.BytesIO(data))


class Writer:
    def __init__(self) -> None:
        self.objects: list[bytes] = []

    def reserve(self) -> int:
        self.objects.append(b"")
        return len(self.objects)

    def set(self, number: int, body: bytes) -> None:
        self.objects[number - 1] = body

    def add(self, body: bytes) -> int:
        number = self.reserve()
        self.set(number, body)
        return number

    def stream(self, data: bytes, extra: str = "") -> int:
        packed = zlib.compress(data)
        head = f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n"
        return self.add(head.encode() + packed + b"\nendstream")

    def output(self, root: int) -> bytes:
        out = io.BytesIO()
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self.objects, start=1):
            offsets.append(out.tell())
            out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
        xref = out.tell()
        out.write(f"xref\n0 {len(self.objects) + 1}\n0000000000 65535 f \n".encode())
        for offset in offsets:
            out.write(f"{offset:010d} 00000 n \n".encode())
        out.write(
            f"trailer\n<< /Size {len(self.objects) + 1} /Root {root} 0 R "
            f"/Info << /Producer (make_defective_pdf.py) >> >>\n"
            f"startxref\n{xref}\n%%EOF\n".encode()
        )
        return out.getvalue()


def to_unicode_cmap(gids: dict[str, int]) -> bytes:
    """Every glyph maps to its character, except the ligatures: U+FFFD."""
    lines = []
    for ch, gid in sorted(gids.items(), key=lambda item: item[1]):
        code = "FFFD" if ch in LIGATURES.values() else f"{ord(ch):04X}"
        lines.append(f"<{gid:04X}> <{code}>")
    chunks = [lines[i : i + 100] for i in range(0, len(lines), 100)]
    body = "".join(
        f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar\n"
        for chunk in chunks
    )
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{body}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode()


class Glyphs:
    """The embedded subset's glyph ids and advance widths (PDF units per 1000)."""

    def __init__(self, font: TTFont) -> None:
        order = {name: gid for gid, name in enumerate(font.getGlyphOrder())}
        self.gids = {chr(cp): order[name] for cp, name in font.getBestCmap().items()}
        scale = 1000 / font["head"].unitsPerEm
        self.widths = {
            gid: round(font["hmtx"][name][0] * scale) for name, gid in order.items()
        }

    def width(self, ch: str) -> int:
        return self.widths[self.gids[ch]]

    def shown(self, text: str, size: int, x: float, y: float, spaced: bool) -> bytes:
        """A text object drawing ``text`` at (x, y), letter-spaced or ligated."""
        run = self._spaced(text, size, x, y) if spaced else self._ligated(text, x, y)
        return b"\n".join([f"BT /F1 {size} Tf".encode(), *run, b"ET"])

    def _spaced(self, text: str, size: int, x: float, y: float) -> list[bytes]:
        # Letter-spaced heading: each glyph on its own, with wide gaps.
        ops = []
        cursor = x
        for ch in text:
            if ch != " ":
                ops.append(
                    f"1 0 0 1 {cursor:.2f} {y:.2f} Tm <{self.gids[ch]:04X}> Tj".encode()
                )
            cursor += self.width(ch) * size / 1000 + (size * 0.45)
        return ops

    def _ligated(self, text: str, x: float, y: float) -> list[bytes]:
        parts = []
        for ch in ligate(text):
            parts.append(f"<{self.gids[ch]:04X}>")
            if ch in LIGATURES.values():
                parts.append(" -260 ")  # a gap after the ligature
        return [f"1 0 0 1 {x:.2f} {y:.2f} Tm [{''.join(parts)}] TJ".encode()]


def add_font(writer: Writer, data: bytes, glyphs: Glyphs) -> int:
    """Embed the subset as a CID font whose ToUnicode map has the defects; its id."""
    font_file = writer.stream(data, f"/Length1 {len(data)} ")
    descriptor = writer.add(
        (
            "<< /Type /FontDescriptor /FontName /ABCDEF+DejaVuSans /Flags 32 "
            "/FontBBox [-1021 -463 1793 1232] /ItalicAngle 0 /Ascent 928 "
            f"/Descent -236 /CapHeight 729 /StemV 80 /FontFile2 {font_file} 0 R >>"
        ).encode()
    )
    w_array = " ".join(f"{gid} [{w}]" for gid, w in sorted(glyphs.widths.items()))
    cid_font = writer.add(
        (
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+DejaVuSans "
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            f"/FontDescriptor {descriptor} 0 R /CIDToGIDMap /Identity /W [{w_array}] >>"
        ).encode()
    )
    to_unicode = writer.stream(to_unicode_cmap(glyphs.gids))
    return writer.add(
        (
            "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+DejaVuSans "
            f"/Encoding /Identity-H /DescendantFonts [{cid_font} 0 R] "
            f"/ToUnicode {to_unicode} 0 R >>"
        ).encode()
    )


def page_content(glyphs: Glyphs, number: int, blocks) -> bytes:
    """The content stream of page ``number``: its headings and paragraphs, top
    down, and the page number at the foot."""
    y = PAGE_HEIGHT - MARGIN - HEADING_SIZE
    ops = []
    for kind, text in blocks:
        if kind == "H":
            ops.append(glyphs.shown(text, HEADING_SIZE, MARGIN, y, spaced=True))
            y -= HEADING_SIZE * 2
            continue
        for line in text.split("\n"):
            ops.append(glyphs.shown(line, BODY_SIZE, MARGIN, y, spaced=False))
            y -= BODY_SIZE * 1.5
        y -= BODY_SIZE * 1.5
    ops.append(glyphs.shown(f"{number}", 9, PAGE_WIDTH / 2, 30, spaced=False))
    return b"\n".join(ops)


def main(output: Path = OUTPUT) -> Path:
    data, font = build_font()
    glyphs = Glyphs(font)
    writer = Writer()
    catalog = writer.reserve()
    pages_id = writer.reserve()
    font_id = add_font(writer, data, glyphs)
    page_ids = []
    for number, blocks in enumerate(PAGES, start=1):
        content = writer.stream(page_content(glyphs, number, blocks))
        page_ids.append(
            writer.add(
                (
                    f"<< /Type /Page /Parent {pages_id} 0 R "
                    f"/MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
                    f"/Resources << /Font << /F1 {font_id} 0 R >> >> "
                    f"/Contents {content} 0 R >>"
                ).encode()
            )
        )
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    writer.set(
        pages_id, f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()
    )
    writer.set(catalog, f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode())
    output.write_bytes(writer.output(catalog))
    return output


if __name__ == "__main__":
    print(main())  # noqa: T201
