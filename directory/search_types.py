"""Directory records in the search: organisations, antennas, categories,
communes; the facets they carry and the "open now" condition."""

from datetime import datetime
from urllib.parse import quote

from django.urls import reverse
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from core.parameters import InvalidParameter
from core.search_contracts import (
    Condition,
    FacetSpec,
    RecordLabels,
    ResultType,
    SearchExtras,
    choice_labels,
)
from directory.matched_services import annotate_results
from directory.models import (
    Antenna,
    Category,
    Language,
    Organisation,
    Public,
    Wheelchair,
)
from directory.open_now import any_open, database_clause, engine_clause
from directory.presentation import antennas_map
from directory.service_conditions import conditions as service_conditions
from places.geocoding import get_gazetteer, lookup_commune
from places.models import Commune

SERVICES = ("organisation", "antenna")


def result_types() -> list[ResultType]:
    return [
        ResultType(
            "organisation",
            _("Organisation"),
            Organisation,
            lambda: Organisation.objects.filter(live=True),
            lambda o: reverse("directory:organisation", kwargs={"slug": o.slug}),
            summary_field="description",
            weight=1.3,
            place_weights={"postcode": 1.15, "commune": 1.15},
            need_lookup="categories__slug__in",
            need_bonus=1.0,
            database_prior=0.3,
            meta_template="directory/includes/search_result_organisation.html",
        ),
        ResultType(
            "antenna",
            _("Antenna"),
            Antenna,
            lambda: Antenna.objects.filter(
                live=True, receives_public=True
            ).select_related("organisation", "commune"),
            lambda a: reverse("directory:antenna", kwargs={"slug": a.slug}),
            visible=lambda a: a.organisation.live,
            required_flags=("receives_public",),
            reindexes=("organisation",),
            weight=1.15,
            place_weights={"postcode": 1.3, "commune": 1.3},
            need_lookup="organisation__categories__slug__in",
            need_bonus=0.8,
            database_prior=0.2,
            meta_template="directory/includes/search_result_antenna.html",
        ),
        ResultType(
            "category",
            _("Category"),
            Category,
            Category.objects.all,
            lambda c: reverse("directory:category", kwargs={"slug": c.slug}),
            summary_field="description",
            weight=1.6,
            need_column="slug",
            need_lookup="slug__in",
            need_bonus=1.6,
        ),
        ResultType(
            "commune",
            _("Commune"),
            Commune,
            Commune.objects.all,
            lambda c: reverse("directory:commune", kwargs={"slug": c.slug}),
            place_weights={"commune": 1.6},
            meta_template="places/includes/search_result_commune.html",
        ),
    ]


def _communes(values: list[str]) -> list[str]:
    """REFNIS codes, or commune names and postcodes turned into theirs."""
    known = get_gazetteer().communes
    refnis = []
    for value in values:
        code = value if value in known else lookup_commune(value)
        if code is None:
            raise InvalidParameter(
                gettext_now("Unknown commune “%(value)s”.") % {"value": value}
            )
        refnis.append(code)
    return refnis


def _wheelchair(values: list[str]) -> list[str]:
    """``true``: accessible; ``false``: no filter (the directory's flag)."""
    return list(
        dict.fromkeys(
            "yes" if value == "true" else value for value in values if value != "false"
        )
    )


def _slugs(model, column: str):
    return lambda: model.objects.values_list(column, flat=True)


CATEGORY_LABELS = RecordLabels(Category, "slug")
PUBLIC_LABELS = RecordLabels(Public, "slug")
LANGUAGE_LABELS = RecordLabels(Language, "code")
COMMUNE_LABELS = RecordLabels(Commune, "refnis")


def facets() -> list[FacetSpec]:
    # Documents carry the categories (their themes) and languages too.
    return [
        FacetSpec(
            "category",
            _("Category"),
            "theme_slugs",
            kinds=(*SERVICES, "publication", "fiche"),
            choices=_slugs(Category, "slug"),
            labels=CATEGORY_LABELS,
            holds_needs=True,
        ),
        FacetSpec(
            "public",
            _("Target public"),
            "public_slugs",
            kinds=SERVICES,
            choices=_slugs(Public, "slug"),
            labels=PUBLIC_LABELS,
        ),
        FacetSpec(
            "language",
            _("Language"),
            "language_codes",
            kinds=(*SERVICES, "publication"),
            choices=_slugs(Language, "code"),
            labels=LANGUAGE_LABELS,
        ),
        FacetSpec(
            "commune",
            _("Commune"),
            "commune_refnis",
            kinds=SERVICES,
            clean=_communes,
            labels=COMMUNE_LABELS,
        ),
        FacetSpec(
            "wheelchair",
            _("Wheelchair access"),
            "wheelchair_values",
            kinds=SERVICES,
            choices=tuple(Wheelchair.values),
            clean=_wheelchair,
            labels=choice_labels(Wheelchair),
            api_values=("true", "false"),
        ),
    ]


def _is_open(obj, moment: datetime) -> bool:
    """An antenna open, or an organisation with a published antenna open."""
    if isinstance(obj, Antenna):
        return any_open([obj], moment)
    if isinstance(obj, Organisation):
        return any_open([a for a in obj.antennas.all() if a.live], moment)
    return False


def _results_map(objects: list):
    """The antennas among ``objects`` and those of its organisations, one
    marker each (an antenna found itself and through its organisation)."""
    antennas = {}
    for obj in objects:
        if isinstance(obj, Antenna):
            antennas.setdefault(obj.pk, obj)
        elif isinstance(obj, Organisation):
            for antenna in obj.antennas.all():
                if antenna.live:
                    antennas.setdefault(antenna.pk, antenna)
    if not antennas:
        return None
    return antennas_map(list(antennas.values()), gettext_now("Map of the results"))


def _names() -> list[str]:
    """The names of communes, categories and organisations, both languages."""
    names = []
    for model in (Commune, Category, Organisation):
        for fr, nl in model.objects.values_list("name_fr", "name_nl"):
            names.extend(name for name in (fr, nl) if name)
    return names


def _nearby_url(category: Category, place) -> str:
    """The directory's "near me" search for a category, at ``place`` if given."""
    query = f"?category={quote(category.slug, safe='/')}"
    if place is not None:
        query += f"&where={quote(str(place.label), safe='/')}"
    return reverse("directory:nearby") + query


def extras() -> SearchExtras:
    return SearchExtras(
        results_map=_results_map,
        map_template="places/includes/map.html",
        need_record=lambda slug: Category.objects.filter(slug=slug).first(),
        need_url=_nearby_url,
        starting_points=lambda limit: list(
            Category.objects.filter(parent__isnull=True)[:limit]
        ),
        starting_points_heading=_("Browse the services by category"),
        vocabulary=_names,
        annotate_results=lambda objects, selection, text: annotate_results(
            objects, selection, text
        ),
    )


def conditions() -> list[Condition]:
    return [
        Condition(
            "open_now",
            _("Open now"),
            engine_clause,
            _is_open,
            database_clause=database_clause,
        ),
        # Walk-in now, free, no referral, anonymous: for the same service.
        *service_conditions(),
    ]
