"""What an app declares to the search, in its ``search_types.py``.

Apps import these contracts; this module imports nothing from the apps nor
from the rest of ``search`` (only ``core``), so that
``search/`` names no app and no app's declaration pulls in the search's
machinery.

- :class:`ResultType`: a kind of content the search covers (its model, the
  records a visitor may see, its link and title, its weight).
- :class:`FacetSpec`: a facet visitors can narrow results by (a filter column of
  the indexes, its accepted values, their labels in French and Dutch).
- :class:`Condition`: a yes/no filter that depends on the moment ("open now"):
  a query on the engine, a test on an object on the database; a joint one is
  tested with the other filters of its :class:`Selection` at once.
- :class:`SearchExtras`: what an app adds around the results (a map of their
  places, the record a need names, where to start when nothing is found, the
  names the database's "did you mean" corrects towards).
- :class:`RecordLabels`: labels of facet values read from reference records
  (categories, communes…), cached per language until one is saved.

A facet's values that cannot be used raise
:class:`core.parameters.InvalidParameter`, the one error of every query-string
input layer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Model, QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.languages import in_language
from core.parameters import TRUE, InvalidParameter


def _always(obj) -> bool:
    return True


@dataclass(frozen=True)
class ResultType:
    """A kind of content the search covers (its ``type`` in the API)."""

    name: str
    label: object
    model: type[Model]
    # The objects a visitor may see; hits are loaded through it, so whatever it
    # leaves out (drafts, private pages…) never shows.
    queryset: Callable[[], QuerySet]
    url: Callable[[Model], str]
    # Translated field (without ``_fr``/``_nl``) holding the title.
    title_field: str = "name"
    # Visibility rules the queryset cannot express cheaply, checked on the hits.
    visible: Callable[[Model], bool] = _always
    # Translated field used as the snippet when the engine gives no highlight.
    summary_field: str | None = None
    # Boolean filter fields (``index.FilterField``) that must be true for a record
    # to be shown, beyond ``live``: the engine's query and the queryset both apply
    # them (e.g. an antenna that does not receive the public).
    required_flags: tuple[str, ...] = ()
    # A factor on the engine's score against other kinds with the same words
    # (directory services answer most searches).
    weight: float = 1.0
    # The factor instead when the query is nothing but a place, by
    # :func:`search.query.place_query_kind` (``"postcode"``, ``"commune"``);
    # 1 for a place not named.
    place_weights: Mapping[str, float] = field(
        default_factory=dict, hash=False, compare=False
    )
    # The ``FilterField`` holding this kind's own need (a category's slug) when
    # a query's everyday words name needs (:mod:`search.plain_words`).
    need_column: str | None = None
    # The database backends: the ORM lookup selecting this kind's records filed
    # under need slugs (``"categories__slug__in"``), and the bonus of those
    # records in the score (0: needs do not concern the kind).
    need_lookup: str | None = None
    need_bonus: float = 0.0
    # The database backends: a small prior on the score against other kinds
    # (the engine's counterpart is ``weight``).
    database_prior: float = 0.0
    # A template showing a line about a result under its title (an antenna's
    # organisation and address), given ``obj``; None: nothing.
    meta_template: str | None = None
    # Attributes naming related records whose index documents include this
    # record's data (an organisation's document holds its antennas' places):
    # they are indexed again when this one changes (:mod:`search.outbox`).
    reindexes: tuple[str, ...] = ()

    @property
    def is_page(self) -> bool:
        return issubclass(self.model, Page)

    def weight_for(self, place: str | None) -> float:
        if place is None:
            return self.weight
        return self.place_weights.get(place, 1.0)


# value (as given in a query string) → label, in a language
Labeller = Callable[[Iterable[str], str], Mapping[str, str]]


def _any_value(values: list[str]) -> list[str]:
    return values


@dataclass(frozen=True)
class FacetSpec:
    """A facet of the search.

    ``name`` is its query-string parameter and its key in the facets answered;
    ``column`` the ``index.FilterField`` holding its values, declared with that
    name on every model of ``kinds`` (the kinds of content that carry it).
    """

    name: str
    legend: Any  # a (lazy) translated string
    column: str
    kinds: tuple[str, ...] = ()
    # Several values (alternatives, OR) or one.
    multiple: bool = True
    # The type of the indexed values: ``int`` (a year), ``bool`` (in force) or
    # ``str``; query-string values are converted to it.
    value_type: type = str
    # The values accepted (None: any value of the right type): a fixed list
    # (the API documents it), or a function reading them (reference records).
    choices: Iterable[str] | Callable[[], Iterable[str]] | None = None
    # Normalises what a visitor typed (a commune's name → its REFNIS code), or
    # raises :class:`InvalidParameter`. Runs before ``choices`` is checked.
    clean: Callable[[list[str]], list[str]] = _any_value
    # A regular expression every value must match, and the message otherwise
    # (required with a pattern).
    pattern: str | None = None
    pattern_message: Callable[[], str] = str
    # Display labels of values in a language; without it, values show as is.
    labels: Labeller | None = None
    # The values of an object (database backend); None: its FilterField's value.
    values_of: Callable[[Any], list] | None = None
    # Values the API accepts beyond ``choices`` (``true`` for a yes/no choice).
    api_values: tuple[str, ...] = ()
    # Its values are the needs a query's everyday words name (categories).
    holds_needs: bool = False

    def engine_value(self, value: str):
        """A query-string value as the index holds it."""
        if self.value_type is bool:
            return value in TRUE
        if self.value_type is int:
            return int(value)
        return value

    def value_key(self, value) -> str:
        """An indexed value (or an aggregation's key) as the query string gives it."""
        if self.value_type is bool:
            return "true" if str(value).lower() in ("1", "true") else "false"
        return str(value)

    def check(self, values: list[str]) -> list[str]:
        """``values`` cleaned and checked; raises :class:`InvalidParameter`."""
        if self.pattern and not all(re.fullmatch(self.pattern, v) for v in values):
            raise InvalidParameter(self.pattern_message())
        values = self.clean(values)
        if self.choices is not None and values:
            known = set(self.choices() if callable(self.choices) else self.choices)
            unknown = [value for value in values if value not in known]
            if unknown:
                raise InvalidParameter(
                    _("Unknown %(name)s “%(value)s”.")
                    % {"name": self.name, "value": ", ".join(unknown)}
                )
        return values


@dataclass(frozen=True)
class Selection:
    """The filters a visitor asked for, as a joint condition reads them: the
    conditions (its own name always among them) and the facets' values."""

    conditions: frozenset[str] = frozenset()
    values: Mapping[str, tuple[str, ...]] = field(
        default_factory=dict, hash=False, compare=False
    )


@dataclass(frozen=True)
class Condition:
    """A yes/no filter that depends on the moment (``open_now``), or on a part
    of a record tested together with other filters (``joint``)."""

    name: str
    label: Any  # a (lazy) translated string
    # The engine's query for records meeting it at a moment (Brussels time).
    engine_clause: Callable[..., dict]
    # Whether an object meets it at a moment (the database backend).
    holds: Callable[..., bool]
    # The same test in SQL on the database fallback's ``search_document`` row
    # (alias ``d``) at a moment: ``(sql, params)`` (PostgreSQL, search.database).
    database_clause: Callable[..., tuple[str, list]] | None = None
    # Joint conditions must hold for the same part of a record together (the
    # same service: free *and* walk-in): the three functions above are also
    # given the :class:`Selection`, and test everything it names at once.
    joint: bool = False

    def _selection(self, selection: Selection | None) -> Selection:
        selection = selection or Selection()
        return Selection(selection.conditions | {self.name}, selection.values)

    def engine_for(self, moment: datetime, selection: Selection | None = None):
        if self.joint:
            return self.engine_clause(moment, self._selection(selection))
        return self.engine_clause(moment)

    def holds_for(self, obj, moment: datetime, selection: Selection | None = None):
        if self.joint:
            return self.holds(obj, moment, self._selection(selection))
        return self.holds(obj, moment)

    def database_for(
        self, moment: datetime, selection: Selection | None = None
    ) -> tuple[str, list]:
        if self.joint:
            return self.database_clause(moment, self._selection(selection))
        return self.database_clause(moment)


@dataclass(frozen=True)
class SearchExtras:
    """What an app adds around the search's results; each is optional, the
    first app (in ``INSTALLED_APPS`` order) giving one is used, and the
    vocabularies of every app are merged."""

    # A map of the places of the results' objects (None: nothing to show).
    results_map: Callable[[list], Any] | None = None
    # The record a need (a category's slug, :mod:`search.plain_words`) names,
    # offered with a link to find it nearby.
    need_record: Callable[[str], Any] | None = None
    # That link: the record and the place a sentence named (a
    # :class:`places.geocoding.Where`, or None) → the URL.
    need_url: Callable[[Any, Any], str] | None = None
    # The template drawing ``results_map`` (given as ``map``).
    map_template: str | None = None
    # Records offered when a search finds nothing (the main categories); each
    # links to its kind's ``url``.
    starting_points: Callable[[int], list] | None = None
    # Their heading ("Browse the services by category"), a (lazy) string.
    starting_points_heading: Any = None
    # Names whose words the database's "did you mean" corrects towards.
    vocabulary: Callable[[], Iterable[str]] | None = None
    # Tells the objects of a page of results what in them matched (the
    # services of an antenna): given the objects, the :class:`Selection` and
    # the words searched for; called once per page shown.
    annotate_results: Callable[[list, Selection, str], None] | None = None


@dataclass
class RecordLabels:
    """Labels of facet values that are reference records: ``model``'s ``key``
    column → its translated ``name``, read once per language, forgotten when a
    record is saved or deleted (:meth:`connect`)."""

    model: Any
    key: str
    name_field: str = "name"
    _tables: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)

    def __call__(self, values: Iterable[str], language: str) -> dict[str, str]:
        keys = [str(value) for value in values]
        table = self._table(language)
        if any(key not in table for key in keys):  # added without a signal
            self._tables.pop(language, None)
            table = self._table(language)
        return {key: table[key] for key in keys if key in table}

    def _table(self, language: str) -> dict[str, str]:
        table = self._tables.get(language)
        if table is None:
            table = {
                str(getattr(obj, self.key)): str(
                    in_language(obj, self.name_field, language)
                )
                for obj in self.model.objects.all()
            }
            self._tables[language] = table
        return table

    def forget(self, **kwargs) -> None:
        self._tables.clear()

    def connect(self) -> None:
        for signal in (post_save, post_delete):
            signal.connect(
                self.forget,
                sender=self.model,
                weak=False,
                dispatch_uid=f"facet-labels-{self.model._meta.label}-{self.key}",
            )


def choice_labels(choices_class) -> Labeller:
    """Labels of a Django ``TextChoices`` class's values."""

    def labels(values: Iterable[str], language: str) -> dict[str, str]:
        with translation.override(language):
            return {choice.value: str(choice.label) for choice in choices_class}

    return labels
