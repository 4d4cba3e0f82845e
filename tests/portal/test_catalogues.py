"""Every UI string exists in French and Dutch, and Dutch pages speak Dutch."""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings

pytestmark = pytest.mark.smoke

LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_catalogue_is_complete(lang):
    catalogue = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    assert len(catalogue) > 50
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    for entry in catalogue.translated_entries():
        placeholders = set(re.findall(r"%\(\w+\)s", entry.msgid))
        translations = (
            entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        )
        for text in translations:
            assert set(re.findall(r"%\(\w+\)s", text)) == placeholders, entry.msgid


def test_catalogues_cover_the_same_strings():
    ids = {
        lang: {
            e.msgid
            for e in polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
        }
        for lang in ("fr", "nl")
    }
    assert ids["fr"] == ids["nl"]


class _VisibleText(HTMLParser):
    """Collects visible text, leaving out elements marked with another ``lang``."""

    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self, page_lang):
        super().__init__()
        self.page_lang = page_lang
        self.stack = []  # (tag, excluded)
        self.chunks = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        parent_excluded = self.stack[-1][1] if self.stack else False
        lang = attrs.get("lang")
        excluded = parent_excluded
        if lang is not None:
            excluded = lang != self.page_lang
        if tag in {"script", "style"}:
            excluded = True
        self.stack.append((tag, excluded))

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not (self.stack and self.stack[-1][1]):
            self.chunks.append(data)


def _french_only_strings():
    fr = polib.pofile(str(LOCALE / "fr" / "LC_MESSAGES" / "django.po"))
    nl = polib.pofile(str(LOCALE / "nl" / "LC_MESSAGES" / "django.po"))
    nl_strings = {e.msgstr for e in nl} | {
        v for e in nl for v in e.msgstr_plural.values()
    }
    result = set()
    for entry in fr:
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            text = re.sub(r"%\(\w+\)s", "", text).strip(" :«»")
            if len(text) >= 6 and text not in nl_strings and "/" not in text:
                result.add(text)
    return result


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/nl/", "/nl/over-het-portaal/", "/nl/privacy/", "/nl/zoeken/?q=ocmw"]
)
def test_dutch_pages_show_no_french_ui_string(client, demo_site, url):
    parser = _VisibleText("nl")
    parser.feed(client.get(url).content.decode())
    text = " ".join(" ".join(parser.chunks).split())
    leaks = sorted(s for s in _french_only_strings() if s in text)
    assert leaks == []


@pytest.mark.django_db
def test_visible_text_parser_catches_a_french_leak(client, demo_site):
    """The check above must be able to fail: a French UI string on a Dutch page."""
    parser = _VisibleText("nl")
    parser.feed('<html lang="nl"><body><p>Aller au contenu principal</p></body></html>')
    text = " ".join(parser.chunks)
    assert "Aller au contenu principal" in _french_only_strings()
    assert "Aller au contenu principal" in text
