"""Form widgets of the directory's admin."""

from __future__ import annotations

from django import forms
from django.urls import reverse

from directory.presentation import hours_preview, weekday_names
from places.hours_grid import MAX_SPANS, grid_from_text


class OpeningHoursWidget(forms.TextInput):
    """The ``opening_hours`` text, plus a weekly grid that writes it and a preview
    of the hours in words.

    The text input stays the submitted value: the grid (no ``name``, filled from
    JSON by ``directory/admin/opening_hours.js``) only rewrites it, so any syntax
    the parser supports can still be typed. Without JavaScript the grid stays
    hidden and the server-rendered preview shows the saved hours.
    """

    template_name = "directory/widgets/opening_hours.html"

    class Media:
        css = {"all": ["directory/admin/opening_hours.css"]}
        js = ["directory/admin/opening_hours.js"]

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__({"class": "opening-hours-widget__text", **(attrs or {})})

    def get_context(self, name: str, value, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        text = self.format_value(value) or ""
        grid = grid_from_text(text)
        input_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        context["opening_hours"] = {
            "grid_id": f"{input_id}-grid",
            "grid": grid.as_json() if grid else None,
            "preview": hours_preview(text),
            "preview_url": reverse("directory_opening_hours_preview"),
            "days": weekday_names(),
            "slots": range(1, MAX_SPANS + 1),
        }
        return context
