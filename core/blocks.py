from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "core/blocks/heading_block.html"
        label = _("Heading")
        description = _("A section title; level 2 for sections, 3 for subsections.")
        preview_value = {"text": "Nos missions", "level": "h2"}


class ContactBlock(blocks.StructBlock):
    """A named phone line, rendered as a ``tel:`` link."""

    label = blocks.CharBlock(label=_("Label"), max_length=120)
    phone = blocks.CharBlock(label=_("Phone"), max_length=40)
    note = blocks.CharBlock(label=_("Note"), max_length=200, required=False)

    class Meta:
        icon = "mobile-alt"
        template = "core/blocks/contact_block.html"
        label = _("Phone line")
        preview_value = {"label": "Télé-Accueil", "phone": "107", "note": "24/7"}


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        icon="pilcrow",
    )
    contact = ContactBlock()
