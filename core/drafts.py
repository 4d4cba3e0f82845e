"""Records are never saved without their required fields, drafts included.

Wagtail defers required-field validation when it saves a draft, and its editor
autosaves: opening "add antenna" and choosing an organisation saved a nameless draft
that then showed in listings and exports. Models that mix this in check their
required text fields in ``clean()``, which Wagtail still runs for drafts.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from core.constants import LANGUAGE_CODES

_TEXT_FIELDS = (models.CharField, models.TextField)


class RequiredEvenInDraftMixin:
    """``clean()`` refuses empty required text fields; a translated field needs a
    value in at least one language."""

    def clean(self):
        super().clean()
        try:
            translated = set(translator.get_options_for_model(type(self)).fields)
        except NotRegistered:
            translated = set()
        errors = {}
        for field in type(self)._meta.concrete_fields:
            if field.blank or field.auto_created or not isinstance(field, _TEXT_FIELDS):
                continue
            if getattr(field, "translated_field", None) is not None:
                continue  # a language column: judged with its field below
            if field.name in translated:
                columns = [f"{field.name}_{code}" for code in LANGUAGE_CODES]
                if not any(
                    (getattr(self, column, "") or "").strip() for column in columns
                ):
                    errors[columns[0]] = _(
                        "Give the %(field)s in French or in Dutch."
                    ) % {"field": field.verbose_name}
            elif not (getattr(self, field.attname, "") or "").strip():
                errors[field.name] = field.error_messages["blank"]
        if errors:
            raise ValidationError(errors)
