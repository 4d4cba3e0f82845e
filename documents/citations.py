"""Citation exports of a publication: BibTeX, RIS and CSL-JSON."""

from __future__ import annotations

import json
import re

from core.text import strip_accents
from documents.models import Publication

BIBTEX_TYPES = {
    "book": "book",
    "journal_issue": "periodical",
    "article": "article",
    "brochure": "booklet",
    "report": "techreport",
    "memorandum": "techreport",
    "newsletter_issue": "periodical",
}
RIS_TYPES = {
    "book": "BOOK",
    "journal_issue": "JFULL",
    "article": "JOUR",
    "brochure": "PAMP",
    "report": "RPRT",
    "memorandum": "RPRT",
    "newsletter_issue": "NEWS",
}
CSL_TYPES = {
    "book": "book",
    "journal_issue": "periodical",
    "article": "article-journal",
    "brochure": "pamphlet",
    "report": "report",
    "memorandum": "report",
    "newsletter_issue": "periodical",
}
_BIBTEX_SPECIAL = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)


def _title(publication: Publication) -> str:
    return publication.original_title or publication.title


def citation_key(publication: Publication) -> str:
    """``dumont2011secret``: first author (or organisation), year, first title word."""
    people = publication.person_authors()
    corporate = publication.corporate_author_list()
    if people:
        first = people[0].family_name
    elif corporate:
        first = corporate[0].display_name
    else:
        first = "anon"
    word = next(
        (w for w in re.findall(r"\w+", _title(publication)) if len(w) > 3), "pub"
    )

    def ascii_word(text: str) -> str:
        return re.sub(r"[^a-z0-9]", "", strip_accents(text).lower())

    return (
        f"{ascii_word(first)[:20] or 'anon'}{publication.year or ''}{ascii_word(word)}"
    )


def _bibtex_value(text: str) -> str:
    return "{" + str(text).translate(_BIBTEX_SPECIAL).replace("\n", " ") + "}"


def _people(publication: Publication, role: str) -> list[str]:
    return [
        f"{a.family_name}, {a.given_names}".strip(", ")
        for a in publication.person_authors()
        if a.role == role
    ]


def to_bibtex(publication: Publication, url: str = "") -> str:
    fields: list[tuple[str, str]] = []
    authors = [_bibtex_value(p)[1:-1] for p in _people(publication, "author")]
    # Corporate authors in double braces so that BibTeX keeps them whole.
    authors += [
        "{" + _bibtex_value(c.display_name)[1:-1] + "}"
        for c in publication.corporate_author_list()
    ]
    if authors:
        fields.append(("author", "{" + " and ".join(authors) + "}"))
    editors = [_bibtex_value(p)[1:-1] for p in _people(publication, "editor")]
    if editors:
        fields.append(("editor", "{" + " and ".join(editors) + "}"))
    fields.append(("title", _bibtex_value(_title(publication))))
    kind = BIBTEX_TYPES[publication.kind]
    if publication.series:
        name = "journal" if kind == "article" else "series"
        fields.append((name, _bibtex_value(publication.series)))
    if publication.series_number:
        fields.append(("number", _bibtex_value(publication.series_number)))
    if publication.publisher:
        name = "institution" if kind == "techreport" else "publisher"
        fields.append((name, _bibtex_value(publication.publisher)))
    if publication.place:
        fields.append(("address", _bibtex_value(publication.place)))
    if publication.year:
        fields.append(("year", _bibtex_value(publication.year)))
    if publication.publication_date:
        fields.append(("date", _bibtex_value(publication.publication_date.isoformat())))
    if publication.pages:
        fields.append(("pages", _bibtex_value(publication.pages)))
    if publication.isbn:
        fields.append(("isbn", _bibtex_value(publication.isbn)))
    if publication.issn:
        fields.append(("issn", _bibtex_value(publication.issn)))
    languages = publication.language_codes()
    if languages:
        fields.append(("language", _bibtex_value(", ".join(languages))))
    if publication.keywords:
        fields.append(("keywords", _bibtex_value(publication.keywords)))
    if url or publication.url:
        fields.append(("url", _bibtex_value(publication.url or url)))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{kind}{{{citation_key(publication)},\n{body}\n}}\n"


def to_ris(publication: Publication, url: str = "") -> str:
    lines = [("TY", RIS_TYPES[publication.kind])]
    lines += [("AU", name) for name in _people(publication, "author")]
    lines += [("A2", name) for name in _people(publication, "editor")]
    lines += [("AU", c.display_name) for c in publication.corporate_author_list()]
    lines.append(("TI", _title(publication)))
    if publication.original_title and publication.title != publication.original_title:
        lines.append(("TT", publication.title))
    if publication.series:
        lines.append(("T2", publication.series))
    if publication.series_number:
        lines.append(("IS", publication.series_number))
    if publication.year:
        lines.append(("PY", str(publication.year)))
    if publication.publication_date:
        lines.append(("DA", publication.publication_date.strftime("%Y/%m/%d")))
    if publication.publisher:
        lines.append(("PB", publication.publisher))
    if publication.place:
        lines.append(("CY", publication.place))
    if publication.pages:
        first, _dash, last = publication.pages.partition("-")
        lines.append(("SP", first.strip()))
        if last:
            lines.append(("EP", last.strip()))
    if publication.isbn or publication.issn:
        lines.append(("SN", publication.isbn or publication.issn))
    for code in publication.language_codes():
        lines.append(("LA", code))
    lines += [("KW", keyword) for keyword in publication.keyword_list()]
    if publication.abstract:
        lines.append(("AB", " ".join(publication.abstract.split())))
    if url or publication.url:
        lines.append(("UR", publication.url or url))
    lines.append(("ER", ""))
    return "".join(
        f"{tag}  - {' '.join(str(value).split())}\r\n" for tag, value in lines
    )


def to_csl_json(publication: Publication, url: str = "") -> str:
    item: dict = {
        "id": citation_key(publication),
        "type": CSL_TYPES[publication.kind],
        "title": _title(publication),
    }
    authors = [
        {"family": a.family_name, "given": a.given_names}
        for a in publication.person_authors()
        if a.role == "author"
    ]
    authors += [
        {"literal": c.display_name} for c in publication.corporate_author_list()
    ]
    if authors:
        item["author"] = authors
    editors = [
        {"family": a.family_name, "given": a.given_names}
        for a in publication.person_authors()
        if a.role == "editor"
    ]
    if editors:
        item["editor"] = editors
    if publication.publication_date:
        d = publication.publication_date
        item["issued"] = {"date-parts": [[d.year, d.month, d.day]]}
    elif publication.year:
        item["issued"] = {"date-parts": [[publication.year]]}
    optional = {
        "container-title": publication.series if publication.kind == "article" else "",
        "collection-title": publication.series if publication.kind != "article" else "",
        "collection-number": publication.series_number,
        "publisher": publication.publisher,
        "publisher-place": publication.place,
        "page": publication.pages,
        "ISBN": publication.isbn,
        "ISSN": publication.issn,
        "URL": publication.url or url,
        "abstract": publication.abstract,
        "language": ", ".join(publication.language_codes()),
        "keyword": ", ".join(publication.keyword_list()),
    }
    item.update({key: value for key, value in optional.items() if value})
    return json.dumps([item], ensure_ascii=False, indent=2)


FORMATS = {
    "bibtex": (to_bibtex, "application/x-bibtex; charset=utf-8", "bib"),
    "ris": (to_ris, "application/x-research-info-systems; charset=utf-8", "ris"),
    "csl-json": (to_csl_json, "application/vnd.citationstyles.csl+json", "json"),
}
