"""Every public page that reads a query or a path parameter, fed bad values: never
a 500 — a 4xx, or a 200 that says what was wrong.

The JSON API (``/api/``) is fuzzed elsewhere (schemathesis), and so is the
newsletter subscription form (rate limits).
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.smoke

BAD_VALUES = [
    "³",
    "١",
    "١٩٩٠",
    "²⁰²⁴",
    "99999999999999999999",
    "9" * 5000,
    "-1",
    "0",
    "-0.0",
    "1e400",
    "nan",
    "",
    " ",
    "x" * 10_000,
    "</script><script>alert(1)</script>",
    "${x}",
    "{{ x }}",
    "'\"",
    "\x00",
    "a\x00b",
    "\ud800".encode("utf-8", "surrogatepass").decode("latin-1"),
    "é" * 300,
]

# Path segments that still match an ``<int:…>``/``<slug:…>``/``<str:…>`` route,
# or not: either way no 500.
BAD_SEGMENTS = [
    "0",
    "-1",
    "10000",
    "99999999999999999999",
    "9" * 5000,
    "³",
    "١٩٩٠",
    "x" * 3000,
    "</script>",
    "${x}",
    "'\"",
    "%00",
    "..",
]

# (name, query parameters) — the URL comes from the demo in ``_urls``.
QUERY_TARGETS = [
    (
        "publications",
        [
            "year_from",
            "year_to",
            "kind",
            "theme",
            "language",
            "organisation",
            "author",
            "page",
        ],
    ),
    ("publication", ["x"]),
    ("fiche_index", ["authority"]),
    ("fiche", ["as_of", "where"]),
    ("fiche_pdf", ["as_of"]),
    (
        "nearby",
        [
            "where",
            "category",
            "public",
            "language",
            "open_now",
            "wheelchair",
            "radius_km",
            "page",
        ],
    ),
    ("nearby_print", ["where", "radius_km", "open_now"]),
    (
        "search",
        [
            "q",
            "page",
            "type",
            "category",
            "public",
            "language",
            "commune",
            "wheelchair",
            "year",
            "open_now",
            "near",
            "radius_km",
        ],
    ),
    ("newsletter", ["x"]),
    ("issue", ["view"]),
    ("article", ["view"]),
    ("organisation", ["x"]),
    ("antenna", ["x"]),
    ("federation", ["x"]),
    ("category", ["page"]),
    ("commune", ["page"]),
    ("report", ["x"]),
]

# (name, URL pattern with {} for the bad segment)
PATH_TARGETS = [
    ("newsletter_year", "{newsletter}{}/"),
    ("organisation", "/fr/organisations/{}/"),
    ("antenna", "/fr/antennes/{}/"),
    ("federation", "/fr/federations/{}/"),
    ("category", "/fr/categories/{}/"),
    ("commune", "/fr/communes/{}/"),
    ("publication", "/fr/publications/{}/"),
    ("citation", "{publication}cite/{}/"),
    ("cover", "/fr/publications/{}/cover.png"),
    ("report", "{organisation}signaler/{}/"),
    ("document", "/documents/{}/x.pdf"),
    ("document_name", "/documents/1/{}"),
    ("page", "/fr/{}/"),
    ("fiche_child", "{fiche}{}/"),
]


def _urls() -> dict[str, str]:
    from directory.models import Antenna, Category, Commune, Organisation
    from documents.models import (
        LegislationFicheIndexPage,
        LegislationFichePage,
        Publication,
    )
    from newsletters.models import ArticlePage, NewsletterIssuePage, NewsletterPage

    organisation = Organisation.objects.filter(live=True).first()
    federation = Organisation.objects.filter(
        live=True, member_links__isnull=False
    ).first()
    with translation.override("fr"):
        fiche = LegislationFichePage.objects.live().first()
        urls = {
            "publications": reverse("documents:publication-list"),
            "publication": Publication.objects.public().first().get_absolute_url(),
            "fiche_index": LegislationFicheIndexPage.objects.live().first().url,
            "fiche": fiche.url,
            "fiche_pdf": fiche.url + "pdf/",
            "nearby": reverse("directory:nearby"),
            "nearby_print": reverse("directory:nearby-print"),
            "search": reverse("search"),
            "newsletter": NewsletterPage.objects.live().first().url,
            "issue": NewsletterIssuePage.objects.live().first().url,
            "article": ArticlePage.objects.live().first().url,
            "organisation": reverse(
                "directory:organisation", kwargs={"slug": organisation.slug}
            ),
            "antenna": reverse(
                "directory:antenna",
                kwargs={"slug": Antenna.objects.filter(live=True).first().slug},
            ),
            "federation": reverse(
                "directory:federation",
                kwargs={"slug": (federation or organisation).slug},
            ),
            "category": reverse(
                "directory:category", kwargs={"slug": Category.objects.first().slug}
            ),
            "commune": reverse(
                "directory:commune", kwargs={"slug": Commune.objects.first().slug}
            ),
            "report": reverse("directory:report", kwargs={"slug": organisation.slug}),
        }
    return urls


def _get(client, url: str):
    """The response, or the exception a 500 would have been."""
    try:
        return client.get(url)
    except Exception as error:  # noqa: BLE001 - any exception is the 500 we look for
        return error


def _check(client, urls: list[str]) -> list[str]:
    failures = []
    for url in urls:
        response = _get(client, url)
        if isinstance(response, Exception):
            failures.append(
                f"{url[:120]} → {type(response).__name__}: {response}"[:300]
            )
        elif response.status_code >= 500 and response.status_code != 503:
            failures.append(f"{url[:120]} → {response.status_code}")
    return failures


@pytest.mark.parametrize(
    ("name", "params"), QUERY_TARGETS, ids=[t[0] for t in QUERY_TARGETS]
)
def test_query_parameters_never_give_a_500(client, demo_site, settings, name, params):
    settings.SEARCH_URL = ""
    base = _urls()[name]
    urls = []
    for param in params:
        for value in BAD_VALUES:
            urls.append(f"{base}?{urlencode({param: value})}")
        # Repeated: a good-looking value, then a bad one, and the other way round.
        urls.append(f"{base}?{urlencode([(param, '2000'), (param, '³')])}")
        urls.append(f"{base}?{urlencode([(param, '³'), (param, '2000')])}")
    # Everything bad at once.
    urls.append(f"{base}?{urlencode([(p, '³') for p in params])}")
    assert _check(client, urls) == []


@pytest.mark.parametrize(
    ("name", "pattern"), PATH_TARGETS, ids=[t[0] for t in PATH_TARGETS]
)
def test_path_parameters_never_give_a_500(client, demo_site, settings, name, pattern):
    settings.SEARCH_URL = ""
    urls = _urls()
    urls_for_pattern = [
        pattern.replace("{}", quote(segment, safe="%"), 1).format(**urls)
        for segment in BAD_SEGMENTS
    ]
    assert _check(client, urls_for_pattern) == []


@pytest.mark.parametrize(
    "url",
    ["{newsletter}0/", "{newsletter}10000/", "{newsletter}99999999999999999999/"],
)
def test_newsletter_years_out_of_range_are_not_found(client, demo_site, url):
    response = client.get(url.format(**_urls()))
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


@pytest.mark.parametrize("value", ["³", "١٩٩٠", "²⁰²⁴", "9" * 5000])
def test_catalogue_year_in_other_digits_is_a_translated_400(client, demo_site, value):
    response = client.get(_urls()["publications"], {"year_from": value})
    assert response.status_code == 400
    assert "n&#x27;est pas une année entre 1800 et 2100" in response.content.decode()
