"""The search page's input: a Django form over the query string.

Each parameter is validated by :mod:`search.params` (the API's schema ends in
the same functions), so a value refused on the page is refused, with the same
message, by the API.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _

from core.parameters import InvalidParameter
from search.params import SearchParameters, parse_parameters
from search.services import MAX_QUERY_LENGTH, result_types


class SearchForm(forms.Form):
    """``q``, ``page`` and ``type`` (unknown kinds are ignored) plus the
    filters, place and radius of :func:`search.params.parse_parameters`.

    The page shows one message for what was refused (:attr:`message`); a query
    too long is a 400 (:attr:`status`), refused rather than cut: a cut query
    would search for something else. Filters that cannot be read are left out.
    """

    def __init__(self, data) -> None:
        super().__init__(data)
        self.query_string = data
        self.parameters = SearchParameters()
        self.message: str | None = None
        self.status = 200

    def clean(self) -> dict:
        cleaned = super().clean()
        # Read as given (a CharField would refuse a NUL byte the search ignores).
        cleaned["q"] = self.query_string.get("q", "")
        try:
            self.parameters = parse_parameters(self.query_string)
        except InvalidParameter as problem:
            self.message = str(problem)
            self.add_error(None, self.message)
        if len(" ".join(cleaned.get("q", "").split())) > MAX_QUERY_LENGTH:
            self.message = _("The query is too long (%(max)d characters at most).") % {
                "max": MAX_QUERY_LENGTH
            }
            self.add_error(None, self.message)
            cleaned["q"], self.status = "", 400
        kinds = result_types()
        cleaned["types"] = [
            name for name in self.query_string.getlist("type") if name in kinds
        ] or None
        cleaned["page"] = self.query_string.get("page", "1")
        return cleaned

    def read(self) -> tuple[str, str, list[str] | None]:
        """Validated ``q``, ``page`` and ``types``, whatever was refused."""
        self.is_valid()
        cleaned = self.cleaned_data
        return cleaned.get("q", ""), cleaned["page"], cleaned["types"]
