"""StreamField blocks of legislation fiches."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from documents.who_can_help import nearest_helpers

NEAREST_PER_BLOCK = 5


class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    text = blocks.RichTextBlock(
        label=_("Text"),
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
    )

    class Meta:
        icon = "doc-full"
        template = "documents/blocks/section_block.html"
        label = _("Section")
        description = _("A titled section: who is concerned, conditions, procedure…")
        preview_value = {
            "heading": "Qui est concerné ?",
            "text": "<p>Les travailleurs sociaux des CPAS et des services agréés.</p>",
        }


INSTRUMENT_TYPES = [
    ("law", _("Law")),
    ("royal_decree", _("Royal decree")),
    ("decree", _("Decree")),
    ("ordinance", _("Ordinance")),
    ("order", _("Government order")),
    ("code", _("Code")),
    ("circular", _("Circular")),
    ("treaty", _("Treaty or European act")),
]


class InstrumentType(blocks.ChoiceBlock):
    choices = INSTRUMENT_TYPES


class LegalReferenceValue(blocks.StructValue):
    def instrument_type_label(self) -> str:
        return str(dict(INSTRUMENT_TYPES).get(self.get("instrument_type"), ""))


class LegalReferenceBlock(blocks.StructBlock):
    instrument_type = InstrumentType(label=_("Type of instrument"), default="law")
    date = blocks.DateBlock(label=_("Date of the instrument"), required=False)
    title = blocks.CharBlock(label=_("Title"), max_length=400)
    articles = blocks.CharBlock(
        label=_("Article(s)"),
        max_length=120,
        required=False,
        help_text=_("e.g. 36, 50"),
    )
    publication_date = blocks.DateBlock(
        label=_("Published in the Moniteur belge / Belgisch Staatsblad on"),
        required=False,
    )
    official_url = blocks.URLBlock(label=_("Official text"), required=False)

    class Meta:
        icon = "doc-full-inverse"
        template = "documents/blocks/legal_reference_block.html"
        label = _("Legal reference")
        value_class = LegalReferenceValue
        description = _("A law, decree or ordinance the fiche rests on.")
        preview_value = {
            "instrument_type": "code",
            "title": "Code pénal",
            "articles": "458",
        }


class WhoCanHelpBlock(blocks.StructBlock):
    """Directory categories or organisations; the fiche lists their nearest antennas."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False)
    categories = blocks.ListBlock(
        SnippetChooserBlock("directory.Category"),
        label=_("Kinds of service"),
        required=False,
    )
    organisations = blocks.ListBlock(
        SnippetChooserBlock("directory.Organisation"),
        label=_("Organisations"),
        required=False,
    )

    class Meta:
        icon = "group"
        template = "documents/blocks/who_can_help_block.html"
        label = _("Who can help")
        description = _(
            "Shows the services nearest to the reader's postcode or commune."
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        where = parent_context.get("where")
        context["where"] = where
        context["where_text"] = parent_context.get("where_text", "")
        context["hits"] = nearest_helpers(
            categories=[c for c in value["categories"] if c],
            organisations=[o for o in value["organisations"] if o],
            where=where,
            limit=NEAREST_PER_BLOCK,
        )
        return context


class FicheBodyBlock(blocks.StreamBlock):
    section = SectionBlock()
    legal_reference = LegalReferenceBlock()
    who_can_help = WhoCanHelpBlock()
