"""Directory records in the search: organisations, antennas, categories, communes."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from directory.models import Antenna, Category, Organisation
from places.models import Commune
from search.registry import ResultType


def result_types() -> list[ResultType]:
    return [
        ResultType(
            "organisation",
            _("Organisation"),
            Organisation,
            lambda: Organisation.objects.filter(live=True),
            lambda o: reverse("directory:organisation", kwargs={"slug": o.slug}),
            summary_field="description",
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
        ),
        ResultType(
            "category",
            _("Category"),
            Category,
            Category.objects.all,
            lambda c: reverse("directory:category", kwargs={"slug": c.slug}),
            summary_field="description",
        ),
        ResultType(
            "commune",
            _("Commune"),
            Commune,
            Commune.objects.all,
            lambda c: reverse("directory:commune", kwargs={"slug": c.slug}),
        ),
    ]
