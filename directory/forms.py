"""The "near me" page's input: a Django form over the query string.

Each filter is read by the function :data:`directory.lookup.FILTER_CLEANERS`
names, which the API's :func:`~directory.lookup.parse_filters` calls too: a value
refused on the page is refused, with the same message, by the API.
"""

from __future__ import annotations

from django import forms

from core.parameters import ParameterField
from directory.lookup import FILTER_CLEANERS, AntennaFilters
from places.geocoding import Where, WhereError, parse_where

MAX_WHERE = 200  # longer is never a place: cut, not refused


def clean_where_text(value: str | None) -> str:
    """The place as typed, spaces tidied."""
    return " ".join((value or "").split())[:MAX_WHERE]


def _raw(value: str | None) -> str | None:
    """As given: the paginator reads the page (first or last page otherwise)."""
    return value


class NearbyForm(forms.Form):
    """``where`` (geocoded), the filters of :class:`AntennaFilters` and ``page``.

    :attr:`messages` are what the page shows: the first filter refused (as the
    API, which stops there), then why the place could not be read, with the
    places it may have meant (:attr:`where_choices`).
    """

    where = ParameterField(clean_where_text)
    category = ParameterField(FILTER_CLEANERS["category"])
    public = ParameterField(FILTER_CLEANERS["public"])
    language = ParameterField(FILTER_CLEANERS["language"])
    open_now = ParameterField(FILTER_CLEANERS["open_now"])
    wheelchair = ParameterField(FILTER_CLEANERS["wheelchair"])
    radius_km = ParameterField(FILTER_CLEANERS["radius_km"])
    walk_in_now = ParameterField(FILTER_CLEANERS["walk_in_now"])
    free = ParameterField(FILTER_CLEANERS["free"])
    no_referral = ParameterField(FILTER_CLEANERS["no_referral"])
    anonymous = ParameterField(FILTER_CLEANERS["anonymous"])
    page = ParameterField(_raw)

    def __init__(self, data) -> None:
        super().__init__(data)
        self.where_text = ""
        self.place: Where | None = None
        self.where_choices: tuple[str, ...] = ()
        self.filters = AntennaFilters()
        self.messages: list[str] = []

    def clean(self) -> dict:
        cleaned = super().clean()
        self.where_text = cleaned.get("where", "")
        if self.where_text:
            try:
                self.place = parse_where(self.where_text)
            except WhereError as error:
                self.where_choices = error.choices
                self.add_error("where", str(error))
        return cleaned

    def read(self) -> NearbyForm:
        """Validate; what could be read is in :attr:`where_text`, :attr:`place`,
        :attr:`filters` (none when one was refused) and :attr:`page_number`."""
        if not self.is_valid():
            filter_messages = [
                str(message)
                for name in FILTER_CLEANERS
                for message in self.errors.get(name, [])
            ]
            self.messages = filter_messages[:1] + [
                str(message) for message in self.errors.get("where", [])
            ]
        if not any(name in self.errors for name in FILTER_CLEANERS):
            self.filters = AntennaFilters(
                **{name: self.cleaned_data[name] for name in FILTER_CLEANERS}
            )
        return self

    @property
    def page_number(self) -> str | None:
        return self.cleaned_data.get("page")

    @property
    def query(self) -> dict[str, str]:
        """The place and filters, to share the search (nothing without a place)."""
        if not self.where_text:
            return {}
        return {"where": self.where_text, **self.filters.as_query()}
