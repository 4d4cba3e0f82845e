"""Visitor pages of the directory. Thin: queries live in models and ``lookup``."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from directory.contacts import antenna_contacts, contact_lines, organisation_contacts
from directory.forms import NearbyForm
from directory.lookup import (
    AntennaFilters,
    Hit,
    find_antennas,
    materialize,
    rank_antennas,
)
from directory.models import (
    Answer,
    Antenna,
    Category,
    Language,
    Organisation,
    Public,
    Service,
)
from directory.open_now import antenna_status
from directory.permissions import sees_professional_contacts
from directory.presentation import (
    antennas_map,
    directions_url,
    status_badge,
    weekly_table,
)
from directory.reports import ErrorReportForm, count_report, rate_limited
from directory.service_words import public_services, service_cards
from places.geocoding import Where
from places.models import Commune

PAGE_SIZE = 20


def _decorate(hits, now):
    for hit in hits:
        hit.badge = status_badge(hit.status, now)
    return hits


def _alternates(url_name: str, slugs: dict[str, str] | None = None, **kwargs) -> dict:
    links = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            if slugs:
                kwargs["slug"] = slugs[code]
            links[code] = reverse(url_name, kwargs=kwargs)
    return links


def _antenna_hits(antennas, now):
    hits = []
    for antenna in antennas:
        hit = Hit(antenna, None, None, False, antenna_status(antenna, now))
        hits.append(hit)
    return _decorate(hits, now)


def _personal(request, response, professional: bool):
    """A page that may show professionals-only contacts differs per visitor: it
    varies on the session cookie, and the professional's copy is never stored by a
    shared or browser cache."""
    patch_vary_headers(response, ("Cookie",))
    if professional:
        patch_cache_control(response, private=True, no_store=True)
    return response


def _accessibility(antenna) -> list[str]:
    """The known accessibility facts ("Hearing loop: no"); unknown ones left out."""
    facts = []
    for name in Antenna.ACCESSIBILITY_FIELDS:
        value = getattr(antenna, name)
        if value in (Answer.YES, Answer.NO):
            label = Antenna._meta.get_field(name).verbose_name
            facts.append(
                _("%(fact)s: %(answer)s")
                % {
                    "fact": str(label).capitalize(),
                    "answer": str(Answer(value).label).lower(),
                }
            )
    return facts


def _antenna_languages(antenna) -> list[str]:
    languages = antenna.languages.all() or antenna.organisation.languages.all()
    return [str(language) for language in languages]


def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation.objects.filter(live=True), slug=slug)
    now = timezone.now()
    antennas = organisation.antennas.public().select_related("commune", "organisation")
    hits = _antenna_hits(antennas, now)
    professional = sees_professional_contacts(request.user)
    services = public_services(organisation.services.all())
    response = render(
        request,
        "directory/organisation.html",
        {
            "organisation": organisation,
            "services": service_cards(services, professional),
            "contact_lines": contact_lines(
                organisation.contacts.filter(antenna__isnull=True).select_related(
                    "language"
                ),
                professional,
            ),
            "contacts": organisation_contacts(organisation),
            "hits": hits,
            "map": antennas_map(
                hits, _("Map of the antennas of %(name)s") % {"name": organisation.name}
            ),
            "federations": organisation.current_federations(),
            "members": Organisation.objects.members_of(organisation).filter(live=True),
            "language_alternates": _alternates("directory:organisation", slug=slug),
        },
    )
    return _personal(request, response, professional)


def antenna_detail(request, slug):
    antenna = get_object_or_404(
        Antenna.objects.public().select_related("organisation", "commune"), slug=slug
    )
    now = timezone.now()
    hit = _antenna_hits([antenna], now)[0]
    professional = sees_professional_contacts(request.user)
    services = public_services(Service.objects.filter(locations__antenna=antenna))
    response = render(
        request,
        "directory/antenna.html",
        {
            "antenna": antenna,
            "services": service_cards(services, professional, antenna=antenna),
            "contact_lines": contact_lines(
                antenna.contacts.select_related("language"), professional
            ),
            "languages": _antenna_languages(antenna),
            "accessibility": _accessibility(antenna),
            "organisation": antenna.organisation,
            "contacts": antenna_contacts(antenna),
            "hit": hit,
            "hours": weekly_table(antenna.opening_hours),
            "dropin": weekly_table(antenna.dropin_hours),
            "map": antennas_map(
                [hit], _("Location of %(name)s") % {"name": antenna.name}
            ),
            "directions_url": directions_url(antenna),
            "served_communes": antenna.served_communes.all(),
            "language_alternates": _alternates("directory:antenna", slug=slug),
        },
    )
    return _personal(request, response, professional)


def federation_detail(request, slug):
    federation = get_object_or_404(Organisation.objects.filter(live=True), slug=slug)
    members = list(
        Organisation.objects.members_of(federation)
        .filter(live=True)
        .annotate(antenna_count=Count("antennas", filter=Q(antennas__live=True)))
    )
    if not members:  # not (or no longer) a federation: its own page says it all
        return redirect("directory:organisation", slug=federation.slug)
    now = timezone.now()
    antennas = (
        Antenna.objects.public()
        .filter(organisation__in=members)
        .select_related("organisation", "commune")
    )
    hits = _antenna_hits(antennas, now)
    return render(
        request,
        "directory/federation.html",
        {
            "federation": federation,
            "members": members,
            "hits": hits,
            "map": antennas_map(
                hits, _("Map of the members of %(name)s") % {"name": federation.name}
            ),
            "language_alternates": _alternates("directory:federation", slug=slug),
        },
    )


def category_detail(request, slug):
    category = get_object_or_404(Category, slug=slug)
    now = timezone.now()
    hits = _decorate(find_antennas(None, AntennaFilters(category=slug), at=now), now)
    return render(
        request,
        "directory/category.html",
        {
            "category": category,
            "children": category.children.all(),
            "hits": hits,
            "map": antennas_map(hits, _("Map: %(name)s") % {"name": category.name}),
            "language_alternates": _alternates("directory:category", slug=slug),
        },
    )


def commune_detail(request, slug):
    language = translation.get_language()
    commune = Commune.objects.filter(**{f"slug_{language}": slug}).first()
    if commune is None:
        other = Commune.objects.filter(Q(slug_fr=slug) | Q(slug_nl=slug)).first()
        if other is None:
            raise Http404
        return redirect(
            "directory:commune", slug=getattr(other, f"slug_{language}"), permanent=True
        )
    where = _commune_where(commune)
    now = timezone.now()
    hits = [
        hit
        for hit in find_antennas(where, AntennaFilters(), at=now)
        if hit.competent or (hit.antenna.commune_id == commune.pk)
    ]
    _decorate(hits, now)
    return render(
        request,
        "directory/commune.html",
        {
            "commune": commune,
            "hits": hits,
            "map": antennas_map(
                hits, _("Map of the services in %(name)s") % {"name": commune.name}
            ),
            "lookup_url": reverse("directory:nearby") + f"?where={commune.name}",
            "language_alternates": _alternates(
                "directory:commune",
                slugs={"fr": commune.slug_fr, "nl": commune.slug_nl},
            ),
        },
    )


def _commune_where(commune):
    return Where(
        commune.latitude,
        commune.longitude,
        "commune",
        (commune.refnis,),
        None,
        commune.name,
    )


def nearby(request, printable: bool = False):
    """Who can help me here: works without JavaScript; the list is the truth."""
    form = NearbyForm(request.GET).read()
    where, filters, errors = form.place, form.filters, form.messages
    now = timezone.now()
    # The portal covers Brussels and Wallonia: for a place in Flanders, services
    # tens of kilometres away would be no answer; the page points to Flanders' map.
    outside = bool(where and where.regions and where.regions <= {"flanders"})
    ranked = (
        rank_antennas(where, filters, at=now)
        if where and not errors and not outside
        else []
    )
    page = Paginator(ranked, PAGE_SIZE).get_page(form.page_number)
    shown = ranked if printable else list(page.object_list)
    hits = _decorate(materialize(shown, at=now, filters=filters), now)
    return render(
        request,
        "directory/nearby_print.html" if printable else "directory/nearby.html",
        {
            "where_text": form.where_text,
            "where": where,
            "where_choices": form.where_choices,
            "outside_coverage": outside,
            "errors": errors,
            "filters": filters,
            "hits": hits,
            "count": len(ranked),
            "results_page": page,
            "page_hits": hits,
            "map": antennas_map(hits, _("Map of the results")) if hits else None,
            "categories": Category.objects.all(),
            "publics": Public.objects.all(),
            "languages": Language.objects.filter(
                organisations__isnull=False
            ).distinct(),
            "share_query": urlencode(form.query),
            "now": now,
        },
        status=400 if errors and form.where_text else 200,
    )


def nearby_print(request):
    return nearby(request, printable=True)


def report_error(request, slug, antenna_slug=None):
    """Report wrong information about an organisation or one of its antennas."""
    organisation = get_object_or_404(Organisation.objects.filter(live=True), slug=slug)
    antenna = None
    if antenna_slug:
        antenna = get_object_or_404(organisation.antennas.public(), slug=antenna_slug)
    back = (
        reverse("directory:antenna", kwargs={"slug": antenna.slug})
        if antenna
        else reverse("directory:organisation", kwargs={"slug": organisation.slug})
    )
    status = 200
    form = ErrorReportForm(request.POST or None)
    retry_after = None
    if request.method == "POST":
        limit = rate_limited(request)
        if not limit.allowed:
            retry_after = limit.retry_after
            form.add_error(
                None,
                _(
                    "You have sent several reports in a short time. "
                    "Please try again in an hour."
                ),
            )
            status = 429
        elif form.is_valid():
            if not form.is_robot:
                report = form.save(commit=False)
                report.organisation, report.antenna = organisation, antenna
                report.language = translation.get_language()
                report.save()
            count_report(request)
            messages.success(
                request,
                _(
                    "Thank you: your report was sent to the editors "
                    "of this organisation, who will check it."
                ),
            )
            return redirect(back)
        else:
            status = 400
    response = render(
        request,
        "directory/report_error.html",
        {
            "organisation": organisation,
            "antenna": antenna,
            "form": form,
            "back": back,
        },
        status=status,
    )
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response
