from pathlib import Path

from django import template

register = template.Library()


@register.filter
def file_uri(rendition) -> str:
    """``file://`` address of an image rendition, for the PDF renderer."""
    return Path(rendition.file.path).resolve().as_uri()
