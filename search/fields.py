"""Search-field helpers for translated models."""

from __future__ import annotations


class FirstDeclarationWins:
    """``get_search_fields()`` keeping the first declaration of each field.

    wagtail-modeltranslation appends its own ``_fr``/``_nl`` copies of a page
    model's translated search fields, and Wagtail keeps the *last* duplicate: a
    boost or ``es_extra`` declared on ``title_fr`` would silently vanish. Page
    models put this mixin before ``Page``.
    """

    @classmethod
    def get_search_fields(cls):
        fields: dict = {}
        for field in cls.search_fields:
            fields.setdefault((type(field), field.field_name), field)
        return list(fields.values())
