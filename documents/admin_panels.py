"""A read-only panel telling editors what became of their files' text."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class FileTextPanel(Panel):
    """Extraction status of each file: image-only scans and failures stand out."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "documents/admin/file_text_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            publication = self.instance
            context["documents"] = (
                publication.documents() if publication and publication.pk else []
            )
            return context

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Text of the files"))
        super().__init__(*args, **kwargs)
