"""Services in plain words, in the page's language: "Sans rendez-vous le mardi de
9 h à 12 h · gratuit · apportez votre carte d'identité".

Every piece is built with ``format_html`` (record text escaped); a text missing
in the visitor's language comes in the other one, marked with its ``lang`` and a
short notice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import time

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.languages import TranslatedValue, in_language
from directory.contacts import ContactLine, contact_lines, web_href
from directory.models import Answer, Service
from directory.presentation import weekday_names
from places.opening_hours import OpeningHoursError, parse

# --- Hours in words ------------------------------------------------------------


def _clock(moment: time, end: bool = False) -> str:
    hour = 24 if end and moment == time(0, 0) else moment.hour
    if moment.minute:
        return pgettext("clock", "%(hour)s h %(minute)s") % {
            "hour": hour,
            "minute": f"{moment.minute:02d}",
        }
    return pgettext("clock", "%(hour)s h") % {"hour": hour}


def _listed(parts: list[str]) -> str:
    """ "a, b and c" / "a, b en c"."""
    if len(parts) < 3:
        return _(" and ").join(parts)
    return _(" and ").join([", ".join(parts[:-1]), parts[-1]])


def _spans(spans: tuple[tuple[time, time], ...]) -> str:
    return _listed(
        [
            pgettext("hours", "from %(start)s to %(end)s")
            % {"start": _clock(start), "end": _clock(end, end=True)}
            for start, end in spans
        ]
    )


ROUND_THE_CLOCK = ((time(0, 0), time(0, 0)),)


def _runs(days: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for day in days:
        if runs and runs[-1][1] == day - 1:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _days(days: list[int]) -> str:
    names = [name.lower() for name in weekday_names()]
    parts = []
    for first, last in _runs(days):
        if last - first >= 2:
            parts.append(
                pgettext("days", "from %(first)s to %(last)s")
                % {"first": names[first], "last": names[last]}
            )
        else:
            parts += [
                pgettext("days", "on %(day)s") % {"day": names[day]}
                for day in range(first, last + 1)
            ]
    return _listed(parts)


def hours_in_words(text: str) -> str:
    """``Tu 09:00-12:00`` → "le mardi de 9 h à 12 h" / "op dinsdag van 9 tot 12
    uur"; days with the same hours grouped. Unparsable text is returned as it is,
    blank or never-open gives ""."""
    if not text or not text.strip():
        return ""
    try:
        hours = parse(text)
    except OpeningHoursError:
        return text
    groups: dict[tuple, list[int]] = {}
    for weekday, spans in hours.weekly_table():
        if spans:
            groups.setdefault(tuple(spans), []).append(weekday)
    if list(groups.items()) == [(ROUND_THE_CLOCK, list(range(7)))]:
        words = pgettext("hours", "day and night, 7 days a week")
    else:
        words = "; ".join(
            f"{_days(days)} {_spans(spans)}" for spans, days in groups.items()
        )
    notes = [*hours.comments]
    if hours.has_date_rules:
        notes.append(_("other hours on certain dates"))
    if notes and words:
        words = f"{words} ({'; '.join(notes)})"
    return words


# --- Texts that may be in the other language -----------------------------------


def _notice(value: TranslatedValue) -> str:
    return _("(in French)") if value.lang == "fr" else _("(in Dutch)")


def text_html(value: TranslatedValue) -> SafeString:
    """The text, escaped; in the other language: with its ``lang`` and a notice."""
    if not value:
        return format_html("{}", "")
    if value.is_fallback:
        return format_html(
            '<span lang="{}">{}</span> <small class="fallback__mark">{}</small>',
            value.lang,
            str(value),
            _notice(value),
        )
    return format_html("{}", str(value))


def _with(template: str, value: TranslatedValue) -> SafeString:
    """A sentence of ours around a record's text: ``template`` has ``{}``."""
    return format_html(template, text_html(value))


# --- A service as a page shows it -----------------------------------------------


@dataclass(frozen=True)
class ServicePlace:
    antenna: object
    walk_in: str
    appointment: str
    note: TranslatedValue


@dataclass(frozen=True)
class ServiceCard:
    service: Service
    name: TranslatedValue
    description: TranslatedValue
    suspended: bool
    summary: list[SafeString]
    who: list[SafeString]
    documents: SafeString
    languages: list[str]
    online_href: str
    places: list[ServicePlace]
    contacts: list[ContactLine]

    @property
    def summary_line(self) -> SafeString:
        return format_html_join(" · ", "{}", ((part,) for part in self.summary))


def _access(service: Service, walk_in: str, appointment: str) -> list[SafeString]:
    parts = []
    ways = (
        (
            service.walk_in,
            walk_in,
            _("Without appointment %(hours)s"),
            _("Without appointment"),
        ),
        (
            service.by_appointment,
            appointment,
            _("By appointment %(hours)s"),
            _("By appointment"),
        ),
        (
            service.phone_first,
            hours_in_words(service.phone_hours),
            _("Call first %(hours)s"),
            _("Call first"),
        ),
    )
    for offered, hours, with_hours, without in ways:
        if offered:
            words = with_hours % {"hours": hours} if hours else without
            parts.append(format_html("{}", words))
    return parts


def _cost(service: Service) -> list[SafeString]:
    label = {
        Service.Cost.FREE: _("free"),
        Service.Cost.FEE: _("paying"),
        Service.Cost.SLIDING: _("price according to income"),
    }.get(service.cost, "")
    note = in_language(service, "cost_note")
    if label and note:
        return [format_html("{} ({})", label, text_html(note))]
    if label or note:
        return [format_html("{}", label) if label else text_html(note)]
    return []


def _referral(service: Service) -> list[SafeString]:
    if not service.referral_required:
        return []
    note = in_language(service, "referral_note")
    if note:
        return [_with(_("on referral only: {}"), note)]
    return [format_html("{}", _("on referral only"))]


def _anonymous(service: Service) -> list[SafeString]:
    words = {Answer.YES: _("anonymous"), Answer.NO: _("not anonymous")}
    return [format_html("{}", words[service.anonymous])] if service.anonymous else []


def _mid_sentence(value: TranslatedValue) -> TranslatedValue:
    """ "Carte d'identité…" after "apportez": a capital first letter is lowered,
    unless the word is an acronym ("CV", "OCMW"); a final full stop is dropped."""
    text = str(value).strip().rstrip(".")  # the sentence goes on ("… mee")
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]
    return replace(value, value=text)


def _documents(service: Service) -> list[SafeString]:
    documents = in_language(service, "documents")
    if not documents:
        return []
    return [_with(_("bring {}"), _mid_sentence(documents))]


def summary(service: Service, walk_in: str, appointment: str) -> list[SafeString]:
    parts = [
        *_access(service, walk_in, appointment),
        *_cost(service),
        *_referral(service),
        *_anonymous(service),
        *_documents(service),
    ]
    return parts  # the sentence's capital comes from the CSS (::first-letter)


def _ages(service: Service) -> str:
    low, high = service.minimum_age, service.maximum_age
    if low is not None and high is not None:
        return _("from %(low)s to %(high)s years old") % {"low": low, "high": high}
    if low is not None:
        return _("from %(low)s years old") % {"low": low}
    if high is not None:
        return _("up to %(high)s years old") % {"high": high}
    return ""


def who(service: Service) -> list[SafeString]:
    """Who may use it: the words of the record, then the criteria."""
    parts = []
    eligibility = in_language(service, "eligibility")
    if eligibility:
        parts.append(text_html(eligibility))
    publics = [str(in_language(p, "name")) for p in service.publics.all()]
    if publics:
        parts.append(format_html("{}", ", ".join(publics)))
    ages = _ages(service)
    if ages:
        parts.append(format_html("{}", ages))
    if service.residents_only:
        parts.append(
            format_html("{}", _("only for residents of the communes it serves"))
        )
    income = {
        Answer.YES: _("income conditions apply"),
        Answer.NO: _("no income condition"),
    }.get(service.income_condition)
    if income:
        parts.append(format_html("{}", income))
    status = in_language(service, "required_status")
    if status:
        parts.append(_with(_("status required: {}"), status))
    return parts


def _languages(service: Service, antenna=None) -> list[str]:
    for languages in (
        service.languages.all(),
        antenna.languages.all() if antenna is not None else (),
        service.organisation.languages.all(),
    ):
        if languages:
            return [str(in_language(language, "name")) for language in languages]
    return []


def _places(service: Service, antenna=None) -> list[ServicePlace]:
    places = []
    for location in service.locations.all():
        if not (location.antenna.live and location.antenna.receives_public):
            continue
        if antenna is not None and location.antenna_id != antenna.pk:
            continue
        places.append(
            ServicePlace(
                location.antenna,
                hours_in_words(location.effective_walk_in_hours()),
                hours_in_words(location.effective_appointment_hours()),
                in_language(location, "note"),
            )
        )
    return places


def service_card(
    service: Service, show_professionals: bool, antenna=None
) -> ServiceCard:
    """``service`` for a page: on an antenna's page (``antenna``) with its hours
    there, on the organisation's with the antennas that offer it."""
    places = _places(service, antenna)
    here = places[0] if antenna is not None and places else None
    walk_in = here.walk_in if here else hours_in_words(service.walk_in_hours)
    appointment = (
        here.appointment if here else hours_in_words(service.appointment_hours)
    )
    documents = in_language(service, "documents")
    return ServiceCard(
        service=service,
        name=in_language(service, "name"),
        description=in_language(service, "description"),
        suspended=service.status == Service.Status.SUSPENDED,
        summary=summary(service, walk_in, appointment),
        who=who(service),
        documents=text_html(documents),
        languages=_languages(service, antenna),
        online_href=web_href(service.online_url),
        places=[] if antenna is not None else places,
        contacts=contact_lines(service.contacts.all(), show_professionals),
    )


def service_cards(
    services, show_professionals: bool, antenna=None
) -> list[ServiceCard]:
    return [service_card(s, show_professionals, antenna) for s in services]


def public_services(queryset):
    """The services a visitor sees (not ended, of a published organisation), with
    what their cards read."""
    return (
        queryset.public()
        .select_related("organisation")
        .prefetch_related(
            "publics",
            "languages",
            "organisation__languages",
            "contacts__language",
            "locations__antenna__commune",
            "locations__antenna__languages",
        )
    )
