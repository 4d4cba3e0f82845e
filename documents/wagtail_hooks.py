from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from documents.admin_panels import FileTextPanel
from documents.models import Publication


def _pair(field: str) -> FieldRowPanel:
    """French and Dutch side by side."""
    return FieldRowPanel([FieldPanel(f"{field}_fr"), FieldPanel(f"{field}_nl")])


class PublicationViewSet(SnippetViewSet):
    model = Publication
    icon = "doc-full"
    menu_label = _("Publications")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "kind", "year", "series", "text_status", "live"]
    list_filter = ["kind", "year", "access", "themes"]
    search_fields = ["title_fr", "title_nl", "original_title", "external_id"]
    # Filtered by the database (icontains on these columns), not the search index:
    # identifiers and postcodes are not indexed, and it works on either backend.
    search_backend_name = None
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("kind"),
                    _pair("title"),
                    FieldRowPanel(
                        [FieldPanel("original_title"), FieldPanel("original_language")]
                    ),
                    _pair("abstract"),
                    InlinePanel("authors", label=_("Authors")),
                    InlinePanel("corporate_authors", label=_("Corporate authors")),
                    InlinePanel("files", label=_("Files")),
                    FileTextPanel(),
                ],
                heading=_("Record"),
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldRowPanel(
                                [FieldPanel("publisher"), FieldPanel("place")]
                            ),
                            FieldPanel("publisher_organisation"),
                            FieldRowPanel(
                                [FieldPanel("publication_date"), FieldPanel("year")]
                            ),
                            FieldRowPanel(
                                [FieldPanel("series"), FieldPanel("series_number")]
                            ),
                            FieldRowPanel(
                                [
                                    FieldPanel("isbn"),
                                    FieldPanel("issn"),
                                    FieldPanel("pages"),
                                ]
                            ),
                        ],
                        heading=_("Publication"),
                    ),
                    FieldPanel("languages"),
                    FieldPanel("themes"),
                    FieldPanel("keywords"),
                    FieldRowPanel([FieldPanel("url"), FieldPanel("access")]),
                    FieldRowPanel([FieldPanel("slug"), FieldPanel("external_id")]),
                ],
                heading=_("Details"),
            ),
        ]
    )


register_snippet(PublicationViewSet)
