"""The publications catalogue's input: a Django form over the query string.

Each filter is read by the function :data:`documents.catalogue.FILTER_CLEANERS`
names, which the API's :func:`~documents.catalogue.parse_catalogue_filters`
calls too: a value refused on the page is refused, with the same message, by the
API.
"""

from __future__ import annotations

from django import forms

from core.parameters import InvalidParameter, ParameterField, form_messages
from documents.catalogue import FILTER_CLEANERS, CatalogueFilters, check_years


def _raw(value: str | None) -> str | None:
    """As given: the paginator reads the page (first or last page otherwise)."""
    return value


class CatalogueForm(forms.Form):
    """The filters of :class:`CatalogueFilters` and ``page``.

    :attr:`messages` lists every value refused, in the parameters' order; when
    one is, no filter applies (:attr:`filters` is empty).
    """

    kind = ParameterField(FILTER_CLEANERS["kind"])
    theme = ParameterField(FILTER_CLEANERS["theme"])
    year_from = ParameterField(FILTER_CLEANERS["year_from"])
    year_to = ParameterField(FILTER_CLEANERS["year_to"])
    language = ParameterField(FILTER_CLEANERS["language"])
    organisation = ParameterField(FILTER_CLEANERS["organisation"])
    author = ParameterField(FILTER_CLEANERS["author"])
    page = ParameterField(_raw)

    def __init__(self, data) -> None:
        super().__init__(data)
        self.filters = CatalogueFilters()
        self.messages: list[str] = []

    def clean(self) -> dict:
        cleaned = super().clean()
        if "year_from" in cleaned and "year_to" in cleaned:
            try:
                check_years(cleaned["year_from"], cleaned["year_to"])
            except InvalidParameter as problem:
                self.add_error("year_to", problem.messages)
        return cleaned

    def read(self) -> CatalogueForm:
        """Validate; the filters are in :attr:`filters`, the page in
        :attr:`page_number`."""
        if self.is_valid():
            self.filters = CatalogueFilters(
                **{name: self.cleaned_data[name] for name in FILTER_CLEANERS}
            )
        else:
            self.messages = form_messages(self)
        return self

    @property
    def page_number(self) -> str | None:
        return self.cleaned_data.get("page")
