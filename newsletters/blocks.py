from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from core.blocks import HeadingBlock

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        required=False,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=300, required=False)

    class Meta:
        icon = "image"
        template = "newsletters/blocks/captioned_image.html"
        label = _("Image with caption")
        description = _("An illustration with its caption and alternative text.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(
        label=_("Attribution"), max_length=200, required=False
    )

    class Meta:
        icon = "openquote"
        template = "newsletters/blocks/quote.html"
        label = _("Quotation")
        preview_value = {
            "text": "Plus d'un Bruxellois sur quatre vit sous le seuil de pauvreté.",
            "attribution": "Rapport bruxellois sur l'état de la pauvreté 2010",
        }


class FootnotesBlock(blocks.StructBlock):
    """The article's notes, numbered in order; the text refers to them as ¹, ², …"""

    notes = blocks.ListBlock(
        blocks.RichTextBlock(features=["bold", "italic", "link"], label=_("Note")),
        label=_("Notes"),
    )

    class Meta:
        icon = "list-ol"
        template = "newsletters/blocks/footnotes.html"
        label = _("Footnotes")
        description = _("Numbered notes shown at the end of the article.")


class OrganisationLinkBlock(blocks.StructBlock):
    organisation = SnippetChooserBlock("directory.Organisation", label=_("Record"))
    note = blocks.CharBlock(label=_("Note"), max_length=200, required=False)

    class Meta:
        icon = "group"
        template = "newsletters/blocks/organisation_link.html"
        label = _("Directory record")
        description = _("A link to an organisation of the directory.")


class FicheLinkBlock(blocks.StructBlock):
    # A generic page chooser until the legislation fiches have their page type.
    page = blocks.PageChooserBlock(label=_("Legislation fiche"))
    note = blocks.CharBlock(label=_("Note"), max_length=200, required=False)

    class Meta:
        icon = "doc-full"
        template = "newsletters/blocks/fiche_link.html"
        label = _("Legislation fiche")
        description = _("A link to a legislation fiche of the portal.")


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=TEXT_FEATURES, icon="pilcrow"
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    footnotes = FootnotesBlock()
    organisation = OrganisationLinkBlock()
    fiche = FicheLinkBlock()


class SignatoryBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=120)
    role_fr = blocks.CharBlock(label=_("Role (French)"), max_length=120)
    role_nl = blocks.CharBlock(label=_("Role (Dutch)"), max_length=120)

    class Meta:
        icon = "user"
        label = _("Signatory")
