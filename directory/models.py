"""The directory: who helps, where, when, for whom — in French and Dutch."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin
from wagtail.search import index

from core.drafts import RequiredEvenInDraftMixin
from directory import search_documents, service_filters
from directory.validators import (
    format_enterprise_number,
    normalise_enterprise_number,
    validate_enterprise_number,
)
from places.models import Commune, Postcode, Precision, Region
from places.opening_hours import OpeningHoursError, parse
from places.ranking import EVERYONE
from places.validators import validate_postcode


class Category(index.Indexed, models.Model):
    """The bilingual taxonomy of services, shared with the documentation centre.

    Slugs are part of the import format: they never change once created.
    """

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    search_fields = [
        index.SearchField("name_fr", boost=2),
        index.SearchField("name_nl", boost=2),
        index.SearchField("description_fr"),
        index.SearchField("description_nl"),
        index.SearchField("parent_names_fr"),
        index.SearchField("parent_names_nl"),
        index.AutocompleteField("name_fr"),
        index.AutocompleteField("name_nl"),
        index.FilterField("slug"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list[Category]:
        ancestors, ancestor = [], self.parent
        while ancestor is not None and ancestor not in ancestors:
            ancestors.append(ancestor)
            ancestor = ancestor.parent
        return ancestors

    def parent_names_fr(self) -> str:
        return " ".join(a.name_fr or a.name for a in self.ancestors())

    def parent_names_nl(self) -> str:
        return " ".join(a.name_nl or a.name for a in self.ancestors())

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("A category cannot be its own ancestor.")}
                )
            ancestor = ancestor.parent

    def save(self, *args, **kwargs):
        if self.pk:
            previous = (
                Category.objects.filter(pk=self.pk)
                .values_list("slug", flat=True)
                .first()
            )
            if previous and previous != self.slug:
                raise ValidationError(_("A category's slug never changes."))
        super().save(*args, **kwargs)


class Public(models.Model):
    """A target public: young people, families, people without papers…"""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("target public")
        verbose_name_plural = _("target publics")

    def __str__(self) -> str:
        return self.name


class Language(models.Model):
    """A language spoken at a service (ISO 639-1 code)."""

    code = models.CharField(_("ISO 639-1 code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        ordering = ["code"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.name


class OrganisationQuerySet(models.QuerySet):
    def active(self) -> OrganisationQuerySet:
        return self.filter(status=Organisation.Status.ACTIVE)

    def federations(self) -> OrganisationQuerySet:
        return self.filter(member_links__isnull=False).distinct()

    def members_of(self, federation: Organisation, on: date | None = None):
        on = on or timezone.localdate()
        return self.filter(
            Q(federation_links__federation=federation),
            Q(federation_links__start_date__isnull=True)
            | Q(federation_links__start_date__lte=on),
            Q(federation_links__end_date__isnull=True)
            | Q(federation_links__end_date__gte=on),
        ).distinct()

    def not_verified_since(self, days: int = 365) -> OrganisationQuerySet:
        limit = timezone.localdate() - timedelta(days=days)
        return self.filter(
            Q(last_verified_on__isnull=True) | Q(last_verified_on__lt=limit)
        )


class Organisation(
    RequiredEvenInDraftMixin,
    DraftStateMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """A non-profit, public body or federation that helps people."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    class Community(models.TextChoices):
        FRENCH = "fr", _("French-speaking")
        DUTCH = "nl", _("Dutch-speaking")
        BICOMMUNITY = "bi", _("Bicommunity (bilingual)")

    external_id = models.CharField(
        _("stable identifier"),
        max_length=64,
        unique=True,
        help_text=_("Identifier used by imports and exports; never reused."),
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name or acronym"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    legal_form = models.CharField(_("legal form"), max_length=80, blank=True)
    enterprise_number = models.CharField(
        _("enterprise number (BCE/KBO)"),
        max_length=12,
        blank=True,
        validators=[validate_enterprise_number],
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    phone_2 = models.CharField(_("other phone"), max_length=40, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    categories = ParentalManyToManyField(
        Category, verbose_name=_("categories"), blank=True, related_name="organisations"
    )
    publics = ParentalManyToManyField(
        Public,
        verbose_name=_("target publics"),
        blank=True,
        related_name="organisations",
    )
    languages = ParentalManyToManyField(
        Language,
        verbose_name=_("languages spoken"),
        blank=True,
        related_name="organisations",
    )
    community = models.CharField(
        _("linguistic community"),
        max_length=2,
        choices=Community.choices,
        blank=True,
        help_text=_("Decides the community holiday: 27 September or 11 July."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    last_verified_on = models.DateField(_("last verified on"), null=True, blank=True)
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    search_fields = [
        index.SearchField("name_fr", boost=3),
        index.SearchField("name_nl", boost=3),
        index.SearchField("short_name", boost=3),
        index.SearchField("description_fr"),
        index.SearchField("description_nl"),
        index.SearchField("categories_fr", boost=1.5),
        index.SearchField("categories_nl", boost=1.5),
        index.SearchField("publics_fr"),
        index.SearchField("publics_nl"),
        index.SearchField("places"),
        index.SearchField("services_fr"),
        index.SearchField("services_nl"),
        index.AutocompleteField("name_fr"),
        index.AutocompleteField("name_nl"),
        index.AutocompleteField("short_name"),
        index.FilterField("live"),
        index.FilterField("commune_refnis"),
        index.FilterField("served_refnis"),
        index.FilterField("theme_slugs"),
        index.FilterField("public_slugs"),
        index.FilterField("language_codes"),
        index.FilterField("wheelchair_values"),
        index.FilterField("location", es_extra={"type": "geo_point"}),
        index.FilterField("open_week", es_extra={"type": "integer_range"}),
        index.FilterField("holiday_hours", es_extra={"type": "integer_range"}),
        index.FilterField("holiday_communities"),
        index.FilterField("status"),
        index.FilterField("external_id"),
        # The services (directory.service_filters): trait combinations and
        # walk-in hours shifted per combination.
        index.FilterField("traits"),
        index.FilterField("trait_week", es_extra={"type": "integer_range"}),
        index.FilterField("trait_holiday", es_extra={"type": "integer_range"}),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def enterprise_number_display(self) -> str:
        return format_enterprise_number(self.enterprise_number)

    def clean(self):
        super().clean()
        if self.enterprise_number:
            self.enterprise_number = normalise_enterprise_number(self.enterprise_number)
        if self.status == self.Status.CLOSED and not self.closed_on:
            self.closed_on = timezone.localdate()

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Organisation, self.name_fr or self.name, self.pk)
        if self.enterprise_number:
            self.enterprise_number = normalise_enterprise_number(self.enterprise_number)
        super().save(*args, **kwargs)

    def current_federations(self, on: date | None = None):
        on = on or timezone.localdate()
        return Organisation.objects.filter(
            pk__in=self.federation_links.filter(
                Q(start_date__isnull=True) | Q(start_date__lte=on),
                Q(end_date__isnull=True) | Q(end_date__gte=on),
            ).values("federation")
        )

    # What the search index holds besides the fields: the services' categories
    # and publics in each language, and where its antennas are.
    def _names(self, relation: str, code: str) -> str:
        names = []
        for item in getattr(self, relation).all():
            names.append(getattr(item, f"name_{code}") or item.name)
            if relation == "categories":
                names.extend(
                    getattr(a, f"name_{code}") or a.name for a in item.ancestors()
                )
        return " ".join(dict.fromkeys(names))

    def categories_fr(self) -> str:
        return self._names("categories", "fr")

    def categories_nl(self) -> str:
        return self._names("categories", "nl")

    def publics_fr(self) -> str:
        return self._names("publics", "fr")

    def publics_nl(self) -> str:
        return self._names("publics", "nl")

    @classmethod
    def get_indexed_objects(cls):
        """Everything the index document reads, fetched per chunk in a few
        queries (a rebuild of tens of thousands of records depends on it)."""
        return (
            super()
            .get_indexed_objects()
            .prefetch_related(
                models.Prefetch(
                    "categories",
                    queryset=Category.objects.select_related("parent__parent__parent"),
                ),
                "publics",
                "languages",
                models.Prefetch(
                    "antennas",
                    queryset=Antenna.objects.select_related("commune").prefetch_related(
                        "served_communes", "languages", offers_prefetch()
                    ),
                ),
                models.Prefetch(
                    "services",
                    queryset=Service.objects.filter(status=Service.Status.ACTIVE),
                    to_attr="active_services",
                ),
            )
        )

    # The methods below read related rows through ``.all()`` so that the
    # prefetched rows of ``get_indexed_objects`` serve them.
    def places(self) -> str:
        """Postcodes and commune names (both languages) of its antennas."""
        words = []
        for antenna in self.antennas.all():
            words.extend(antenna.place_words())
        return " ".join(dict.fromkeys(words))

    def commune_refnis(self) -> list[str]:
        refnis = set()
        for antenna in self.antennas.all():
            refnis.update(antenna.commune_refnis())
        return sorted(refnis)

    def served_refnis(self) -> list[str]:
        """The communes its antennas serve (the ranking's territory): empty when
        all serve everyone, with :data:`~places.ranking.EVERYONE` when some do."""
        codes: set[str] = set()
        everyone = False
        for antenna in self._live_antennas():
            if not antenna.receives_public:
                continue
            territory = antenna.served_refnis()
            everyone |= not territory
            codes.update(territory)
        if everyone and codes:
            codes.add(EVERYONE)
        return sorted(codes)

    # Filters and facets (see directory.search_documents): an organisation is
    # open, near or accessible when one of its live antennas is.
    def _live_antennas(self) -> list:
        return [a for a in self.antennas.all() if a.live]

    def theme_slugs(self) -> list[str]:
        return search_documents.theme_slugs(self.categories.all())

    def public_slugs(self) -> list[str]:
        return sorted(public.slug for public in self.publics.all())

    def language_codes(self) -> list[str]:
        """Its languages, its antennas' and their services' (service level)."""
        codes = {language.code for language in self.languages.all()}
        for antenna in self._live_antennas():
            codes.update(antenna.language_codes())
        return sorted(codes)

    def _offers(self) -> list:
        return [
            o for a in self._live_antennas() for o in service_filters.live_offers(a)
        ]

    def traits(self) -> list[str]:
        return service_filters.trait_tokens(self._offers())

    def trait_week(self) -> list[dict]:
        return service_filters.trait_week(self._offers())

    def trait_holiday(self) -> list[dict]:
        return service_filters.trait_holiday(self._offers())

    def _services_text(self, code: str) -> str:
        services = getattr(self, "active_services", None)
        if services is None:
            services = self.services.filter(status=Service.Status.ACTIVE)
        # Names only: the descriptions are on the documents of the antennas
        # offering them, and a long organisation document would rank below its
        # own antennas for its own name.
        return " ".join(
            text for service in services if (text := getattr(service, f"name_{code}"))
        )

    def services_fr(self) -> str:
        return self._services_text("fr")

    def services_nl(self) -> str:
        return self._services_text("nl")

    def wheelchair_values(self) -> list[str]:
        return sorted({a.wheelchair for a in self._live_antennas()})

    def location(self) -> list[dict]:
        return [p for p in map(search_documents.point, self._live_antennas()) if p]

    def open_week(self) -> list[dict]:
        return [r for a in self._live_antennas() for r in a.open_week()]

    def holiday_hours(self) -> list[dict]:
        return [r for a in self._live_antennas() for r in a.holiday_hours()]

    def holiday_communities(self) -> list[str]:
        return sorted({a.holiday_communities()[0] for a in self._live_antennas()})

    def holiday_community(self, region: str | None = None) -> str:
        """``fr``, ``nl`` or ``bi``: explicit, else from the languages spoken, else
        from ``region`` (or that of its first antenna). Brussels services for both
        communities follow the federal holidays only."""
        if self.community:
            return self.community
        codes = {language.code for language in self.languages.all()}
        if region is None and community_from_languages(codes) is None:
            antenna = self.antennas.select_related("commune").first()
            region = antenna.commune.region if antenna and antenna.commune else None
        return holiday_community_for("", codes, region)


def community_from_languages(codes: set[str]) -> str | None:
    """``fr`` or ``nl`` for a service speaking one of the two only, else None."""
    if "fr" in codes and "nl" not in codes:
        return "fr"
    if "nl" in codes and "fr" not in codes:
        return "nl"
    return None


def holiday_community_for(explicit: str, codes: set[str], region: str | None) -> str:
    """The community whose holidays apply: the explicit one, else the languages
    spoken, else the region (Wallonia ``fr``, Flanders ``nl``, Brussels ``bi``)."""
    return (
        explicit
        or community_from_languages(codes)
        or {Region.WALLONIA: "fr", Region.FLANDERS: "nl"}.get(region, "bi")
    )


def unique_slug(model, text: str, pk=None, field: str = "slug") -> str:
    base = slugify(text)[:100] or "organisation"
    slug, number = base, 2
    while model.objects.filter(**{field: slug}).exclude(pk=pk).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


class FederationMembership(models.Model):
    """``member`` belongs to ``federation`` between the two dates (open if empty)."""

    member = ParentalKey(
        Organisation,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="federation_links",
    )
    federation = models.ForeignKey(
        Organisation,
        verbose_name=_("federation"),
        on_delete=models.CASCADE,
        related_name="member_links",
    )
    start_date = models.DateField(_("member since"), null=True, blank=True)
    end_date = models.DateField(_("member until"), null=True, blank=True)

    class Meta:
        verbose_name = _("federation membership")
        verbose_name_plural = _("federation memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "federation", "start_date"], name="unique_membership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} ∈ {self.federation}"

    def clean(self):
        if self.member_id and self.member_id == self.federation_id:
            raise ValidationError(_("An organisation cannot be its own federation."))
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(_("The membership ends before it starts."))


class Accreditation(models.Model):
    """An "agrément" / "erkenning" granted by an authority."""

    class Authority(models.TextChoices):
        COCOF = "cocof", _("COCOF (French Community Commission)")
        COCOM = "cocom", _("COCOM/GGC (Common Community Commission)")
        VGC = "vgc", _("VGC (Flemish Community Commission)")
        WALLONIA = "wallonia", _("AViQ / Walloon Region")
        FWB = "fwb", _("Wallonia-Brussels Federation")
        FLANDERS = "flanders", _("Flemish Community")
        FEDERAL = "federal", _("Federal state")

    class Kind(models.TextChoices):
        CASG = "casg", _("General social action centre (CASG)")
        CAP = "cap", _("Centre for aid to persons (CAP)")
        CSS = "css", _("Social service centre (CSS)")
        ILI = "ili", _("Local integration initiative (ILI)")
        SASPP = "saspp", _("Aid and care service for people in prostitution (SASPP)")
        MAISON_MEDICALE = "maison-medicale", _("Community health centre")
        PLANNING = "planning-familial", _("Family planning centre")
        MENTAL_HEALTH = "sante-mentale", _("Mental health service")
        CPAS = "cpas", _("Public social welfare centre (CPAS/OCMW)")
        JUSTICE = "justice", _("Social aid to persons facing justice")
        HOME_CARE = "aide-domicile", _("Home care")
        ADDICTION = "assuetudes", _("Addiction service")
        OTHER = "other", _("Other")

    organisation = ParentalKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="accreditations",
    )
    authority = models.CharField(
        _("authority"), max_length=10, choices=Authority.choices
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    reference = models.CharField(_("reference"), max_length=80, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.get_authority_display()}"

    def clean(self):
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError(_("The accreditation ends before it starts."))


class Wheelchair(models.TextChoices):
    YES = "yes", _("Yes")
    PARTIAL = "partial", _("Partly")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Unknown")


class Answer(models.TextChoices):
    """A yes/no fact that a source may not give: "unknown" is never shown as no."""

    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "", _("Unknown")


class AntennaQuerySet(models.QuerySet):
    def public(self) -> AntennaQuerySet:
        return self.filter(live=True, organisation__live=True)

    def receiving(self) -> AntennaQuerySet:
        """Published antennas where people are received (not a back office)."""
        return self.public().filter(receives_public=True)


class Antenna(
    RequiredEvenInDraftMixin,
    DraftStateMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """A site where an organisation receives people."""

    external_id = models.CharField(_("stable identifier"), max_length=64, unique=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="antennas",
    )
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=140, unique=True, blank=True)
    street = models.CharField(_("street"), max_length=160, blank=True)
    number = models.CharField(_("number"), max_length=20, blank=True)
    box = models.CharField(_("box"), max_length=20, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=4, blank=True, validators=[validate_postcode]
    )
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="antennas",
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    precision = models.CharField(
        _("location precision"),
        max_length=10,
        choices=Precision.choices,
        default=Precision.NONE,
    )
    coordinates_set_by_hand = models.BooleanField(
        _("coordinates entered by hand"),
        default=False,
        help_text=_("Hand-entered coordinates are never replaced by the geocoder."),
    )
    geocoded_at = models.DateTimeField(_("geocoded at"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = models.CharField(
        _("opening hours"),
        max_length=500,
        blank=True,
        help_text=_(
            "OpenStreetMap syntax, e.g. “Mo-Fr 09:00-12:00,13:30-16:30; PH off”."
        ),
    )
    dropin_hours = models.CharField(
        _("drop-in hours (without appointment)"),
        max_length=500,
        blank=True,
        help_text=_("Same syntax as the opening hours."),
    )
    closed_until = models.DateField(
        _("exceptionally closed until"),
        null=True,
        blank=True,
        help_text=_("Closed through this date, included."),
    )
    closure_note = models.CharField(_("closure note"), max_length=255, blank=True)
    wheelchair = models.CharField(
        _("wheelchair access"),
        max_length=10,
        choices=Wheelchair.choices,
        default=Wheelchair.UNKNOWN,
    )
    receives_public = models.BooleanField(
        _("receives the public"),
        default=True,
        help_text=_(
            "Untick for an office where people are not received (a federation's "
            "secretariat): it is then left out of “near me” and of the search."
        ),
    )
    served_communes = ParentalManyToManyField(
        Commune,
        verbose_name=_("territorial competence"),
        blank=True,
        related_name="served_by",
        help_text=_("The communes it serves; empty means everyone."),
    )
    languages = ParentalManyToManyField(
        Language,
        verbose_name=_("languages spoken"),
        blank=True,
        related_name="antennas",
        help_text=_("Empty: those of the organisation."),
    )
    # Accessibility beyond the wheelchair: what a source says, else unknown.
    step_free_entrance = models.CharField(
        _("step-free entrance"), max_length=3, choices=Answer.choices, blank=True
    )
    adapted_toilets = models.CharField(
        _("adapted toilets"), max_length=3, choices=Answer.choices, blank=True
    )
    hearing_loop = models.CharField(
        _("hearing loop"), max_length=3, choices=Answer.choices, blank=True
    )
    sign_language = models.CharField(
        _("sign language"), max_length=3, choices=Answer.choices, blank=True
    )
    easy_read = models.CharField(
        _("easy-read information"), max_length=3, choices=Answer.choices, blank=True
    )
    public_transport = models.CharField(
        _("public transport nearby"),
        max_length=255,
        blank=True,
        help_text=_("In words, e.g. “métro Clemenceau, 5 minutes à pied”."),
    )
    transport_stops = models.CharField(
        _("STIB/TEC/De Lijn stops"),
        max_length=255,
        blank=True,
        help_text=_("Stop names, separated by commas."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AntennaQuerySet.as_manager()

    ACCESSIBILITY_FIELDS = (
        "step_free_entrance",
        "adapted_toilets",
        "hearing_loop",
        "sign_language",
        "easy_read",
    )

    search_fields = [
        index.SearchField("name_fr", boost=2),
        index.SearchField("name_nl", boost=2),
        index.SearchField("street"),
        index.SearchField("places"),
        index.SearchField("categories_fr", boost=1.5),
        index.SearchField("categories_nl", boost=1.5),
        index.SearchField("description_fr"),
        index.SearchField("description_nl"),
        index.AutocompleteField("name_fr"),
        index.AutocompleteField("name_nl"),
        index.FilterField("receives_public"),
        index.FilterField("live"),
        index.FilterField("commune_refnis"),
        index.FilterField("served_refnis"),
        index.FilterField("theme_slugs"),
        index.FilterField("public_slugs"),
        index.FilterField("language_codes"),
        index.FilterField("wheelchair_values"),
        index.FilterField("location", es_extra={"type": "geo_point"}),
        index.FilterField("open_week", es_extra={"type": "integer_range"}),
        index.FilterField("holiday_hours", es_extra={"type": "integer_range"}),
        index.FilterField("holiday_communities"),
        index.FilterField("closed_until"),
        index.FilterField("postcode"),
        index.FilterField("wheelchair"),
        index.FilterField("external_id"),
        index.SearchField("services_fr"),
        index.SearchField("services_nl"),
        index.FilterField("traits"),
        index.FilterField("trait_week", es_extra={"type": "integer_range"}),
        index.FilterField("trait_holiday", es_extra={"type": "integer_range"}),
        index.RelatedFields(
            "organisation",
            [
                index.SearchField("name_fr"),
                index.SearchField("name_nl"),
                index.SearchField("short_name"),
            ],
        ),
    ]

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("antenna")
        verbose_name_plural = _("antennas")

    def __str__(self) -> str:
        return self.name

    @property
    def address_line(self) -> str:
        street = " ".join(part for part in (self.street, self.number) if part)
        if self.box:
            street = f"{street} {_('box')} {self.box}" if street else self.box
        town = " ".join(
            part for part in (self.postcode, str(self.commune or "")) if part
        )
        return ", ".join(part for part in (street, town) if part)

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def precise_location(self) -> bool:
        """Whether the point is the antenna's own (address, street or set by hand),
        not its commune's or postcode's: only then is a distance to it true."""
        return self.has_coordinates and (
            self.coordinates_set_by_hand
            or self.precision in (Precision.ADDRESS, Precision.STREET)
        )

    @classmethod
    def get_indexed_objects(cls):
        """The antenna's organisation (with what it shares with the antenna's
        index document), commune and competence, in a few queries per chunk."""
        return (
            super()
            .get_indexed_objects()
            .select_related("organisation", "commune")
            .prefetch_related(
                "served_communes",
                models.Prefetch(
                    "organisation__categories",
                    queryset=Category.objects.select_related("parent__parent__parent"),
                ),
                "organisation__publics",
                "organisation__languages",
                "languages",
                offers_prefetch(),
            )
        )

    # Search index: the organisation's categories and description, and where
    # the antenna is (postcode and commune in both languages).
    def categories_fr(self) -> str:
        return self.organisation.categories_fr()

    def categories_nl(self) -> str:
        return self.organisation.categories_nl()

    def description_fr(self) -> str:
        return self.organisation.description_fr or ""

    def description_nl(self) -> str:
        return self.organisation.description_nl or ""

    def place_words(self) -> list[str]:
        words = [self.postcode] if self.postcode else []
        if self.commune:
            words += [self.commune.name_fr or "", self.commune.name_nl or ""]
        return [word for word in words if word]

    def places(self) -> str:
        return " ".join(dict.fromkeys(self.place_words()))

    def theme_slugs(self) -> list[str]:
        return self.organisation.theme_slugs()

    def public_slugs(self) -> list[str]:
        return self.organisation.public_slugs()

    def language_codes(self) -> list[str]:
        """Its languages (else its organisation's) and its services' ones."""
        codes = {language.code for language in self.languages.all()} or {
            language.code for language in self.organisation.languages.all()
        }
        codes.update(service_filters.offer_languages(self._offers()))
        return sorted(codes)

    # The services offered here (directory.service_filters).
    def _offers(self) -> list:
        return service_filters.live_offers(self)

    def traits(self) -> list[str]:
        return service_filters.trait_tokens(self._offers())

    def trait_week(self) -> list[dict]:
        return service_filters.trait_week(self._offers())

    def trait_holiday(self) -> list[dict]:
        return service_filters.trait_holiday(self._offers())

    def services_fr(self) -> str:
        return service_filters.offer_words(self._offers(), "fr")

    def services_nl(self) -> str:
        return service_filters.offer_words(self._offers(), "nl")

    def wheelchair_values(self) -> list[str]:
        return [self.wheelchair]

    def location(self) -> dict | None:
        return search_documents.point(self)

    def open_week(self) -> list[dict]:
        return search_documents.weekly_ranges(self.opening_hours)

    def holiday_hours(self) -> list[dict]:
        return search_documents.holiday_ranges(self.opening_hours)

    def holiday_communities(self) -> list[str]:
        region = self.commune.region if self.commune else None
        return [self.organisation.holiday_community(region)]

    def served_refnis(self) -> list[str]:
        """Its territorial competence (empty: everyone), for the ranking."""
        return sorted(c.refnis for c in self.served_communes.all())

    def commune_refnis(self) -> list[str]:
        """Its own commune, and those of its territorial competence."""
        refnis = {self.commune.refnis} if self.commune else set()
        refnis.update(c.refnis for c in self.served_communes.all())
        return sorted(refnis)

    def address_fingerprint(self) -> tuple:
        return (self.street, self.number, self.postcode, self.commune_id)

    def clean(self):
        super().clean()
        errors = {}
        if self.postcode and self.commune_id:
            if not Postcode.objects.filter(
                code=self.postcode, commune_id=self.commune_id
            ).exists():
                errors["postcode"] = _(
                    "Postcode %(postcode)s is not in %(commune)s."
                ) % {"postcode": self.postcode, "commune": self.commune}
        if (self.latitude is None) != (self.longitude is None):
            errors["latitude"] = _("Give both latitude and longitude, or neither.")
        if self.latitude is not None and not (49.4 <= self.latitude <= 51.6):
            errors["latitude"] = _("This latitude is outside Belgium.")
        if self.longitude is not None and not (2.5 <= self.longitude <= 6.5):
            errors["longitude"] = _("This longitude is outside Belgium.")
        for field in ("opening_hours", "dropin_hours"):
            message = opening_hours_error(getattr(self, field))
            if message:
                errors[field] = message
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Antenna, self.name_fr or self.name, self.pk)
        super().save(*args, **kwargs)


def opening_hours_error(text: str) -> str | None:
    """The parser's message when ``text`` is not valid opening hours, else None."""
    if not text:
        return None
    try:
        parse(text)
    except OpeningHoursError as error:
        return str(error)
    return None


class EditorAssignment(models.Model):
    """Who may edit which records.

    A federation editor edits the federation and its current members with their
    antennas, and publishes. A member account proposes changes to its own
    organisation (saved as drafts) that a federation editor publishes.
    """

    class Role(models.TextChoices):
        FEDERATION_EDITOR = "federation_editor", _("Federation editor")
        MEMBER_ACCOUNT = "member_account", _("Member organisation account")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="directory_assignments",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="editor_assignments",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("editor assignment")
        verbose_name_plural = _("editor assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_editor_assignment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"


class ErrorReport(models.Model):
    """A visitor's report of wrong information, waiting for a federation editor.

    Never published: it only reaches the editors of the organisation concerned.
    """

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        RESOLVED = "resolved", _("Corrected")
        REJECTED = "rejected", _("Not an error")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="error_reports",
    )
    antenna = models.ForeignKey(
        Antenna,
        verbose_name=_("antenna"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="error_reports",
    )
    message = models.TextField(_("what is wrong"), max_length=3000)
    contact_email = models.EmailField(
        _("your e-mail (optional)"),
        blank=True,
        help_text=_("Only if you want an answer. It is seen only by the editors."),
    )
    language = models.CharField(_("language"), max_length=2, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    editor_note = models.TextField(_("editor's note"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("received on"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")

    def __str__(self) -> str:
        return f"{self.organisation} — {self.created_at:%Y-%m-%d}"


# --- Accessibility, contacts and services -------------------------------------
#
# The level below the organisation that a referral needs (after Open Referral's
# HSDS 3: organization → service → service_at_location → location): what help, for
# whom, on what conditions, how to ask for it — and who to call.


class Audience(models.TextChoices):
    PUBLIC = "public", _("Public")
    PROFESSIONALS = "professionals", _("Professionals only")


class ContactFields(models.Model):
    """A phone, an e-mail or a named person, for the public or for professionals.

    Professionals-only contacts never reach an anonymous visitor: they are shown to
    logged-in users with the ``view_professional_contacts`` permission only.
    """

    class Kind(models.TextChoices):
        MAIN = "main", _("Main phone")
        HELPLINE = "helpline", _("Helpline")
        FAX = "fax", _("Fax")
        TEXT = "text", _("Text messages (SMS)")
        EMAIL = "email", _("E-mail")
        PERSON = "person", _("Named contact")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name of the person"), max_length=120, blank=True)
    role = models.CharField(_("role"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.ForeignKey(
        Language,
        verbose_name=_("language"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The language spoken on this line, when it is only one."),
    )
    audience = models.CharField(
        _("shown to"), max_length=14, choices=Audience.choices, default=Audience.PUBLIC
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    PHONE_KINDS = (Kind.MAIN, Kind.HELPLINE, Kind.FAX, Kind.TEXT)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return (
            " · ".join(part for part in (self.name, self.phone, self.email) if part)
            or self.get_kind_display()
        )

    @property
    def is_public(self) -> bool:
        return self.audience == Audience.PUBLIC

    def clean(self):
        super().clean()
        if self.kind in self.PHONE_KINDS and not self.phone:
            raise ValidationError({"phone": _("Give the number.")})
        if self.kind == self.Kind.EMAIL and not self.email:
            raise ValidationError({"email": _("Give the e-mail address.")})
        if self.kind == self.Kind.PERSON and not self.name:
            raise ValidationError({"name": _("Give the person's name.")})
        if self.kind == self.Kind.PERSON and not (self.phone or self.email):
            raise ValidationError(
                {"phone": _("Give a phone or an e-mail to reach this person.")}
            )


class OrganisationContact(Orderable, ContactFields):
    """A contact of the organisation, or of one of its antennas."""

    organisation = ParentalKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    antenna = models.ForeignKey(
        Antenna,
        verbose_name=_("antenna"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contacts",
        help_text=_("Empty: a contact of the whole organisation."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        permissions = [
            ("view_professional_contacts", _("Can see contacts for professionals"))
        ]

    def clean(self):
        super().clean()
        if (
            self.antenna_id
            and self.organisation_id
            and self.antenna.organisation_id != self.organisation_id
        ):
            raise ValidationError(
                {"antenna": _("This antenna belongs to another organisation.")}
            )


class ServiceQuerySet(models.QuerySet):
    def public(self) -> ServiceQuerySet:
        """Services of published organisations that are not ended."""
        return self.filter(organisation__live=True).exclude(status=Service.Status.ENDED)

    def not_verified_since(self, days: int = 365) -> ServiceQuerySet:
        limit = timezone.localdate() - timedelta(days=days)
        return self.filter(
            Q(last_verified_on__isnull=True) | Q(last_verified_on__lt=limit)
        )


class Service(Orderable, ClusterableModel):
    """What an organisation does for people: "permanence sociale sans rendez-vous",
    "guidance budgétaire", "consultation IVG"… with its conditions and how to ask.

    Edited with its organisation (an inline), so it shares the organisation's
    drafts, revisions and permissions.
    """

    class Cost(models.TextChoices):
        FREE = "free", _("Free")
        FEE = "fee", _("Paying")
        SLIDING = "sliding", _("Price according to income")
        UNKNOWN = "", _("Not stated")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Temporarily closed")
        ENDED = "ended", _("Ended")

    organisation = ParentalKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="services",
    )
    external_id = models.CharField(
        _("stable identifier"),
        max_length=64,
        unique=True,
        help_text=_("Identifier used by imports and exports; never reused."),
    )
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    categories = ParentalManyToManyField(
        Category, verbose_name=_("categories"), blank=True, related_name="services"
    )
    publics = ParentalManyToManyField(
        Public, verbose_name=_("target publics"), blank=True, related_name="services"
    )
    languages = ParentalManyToManyField(
        Language,
        verbose_name=_("languages spoken"),
        blank=True,
        related_name="services",
        help_text=_("Empty: those of the antenna, else of the organisation."),
    )
    # Eligibility: in words, and as the criteria a search can filter on.
    eligibility = models.TextField(_("who may use it"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True
    )
    residents_only = models.BooleanField(
        _("only for residents of its territory"),
        default=False,
        help_text=_(
            "Only people living in the communes its antenna serves (a CPAS's "
            "territorial competence)."
        ),
    )
    income_condition = models.CharField(
        _("income condition"), max_length=3, choices=Answer.choices, blank=True
    )
    required_status = models.CharField(
        _("required status"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “bénéficiaire du revenu d'intégration”."),
    )
    cost = models.CharField(_("cost"), max_length=8, choices=Cost.choices, blank=True)
    cost_note = models.CharField(_("cost in words"), max_length=255, blank=True)
    # How to access it, each way with its hours (OpenStreetMap syntax).
    walk_in = models.BooleanField(_("without appointment (walk-in)"), default=False)
    walk_in_hours = models.CharField(
        _("walk-in hours"),
        max_length=500,
        blank=True,
        help_text=_("Empty: the antenna's drop-in hours, else its opening hours."),
    )
    by_appointment = models.BooleanField(_("by appointment"), default=False)
    appointment_hours = models.CharField(
        _("appointment hours"), max_length=500, blank=True
    )
    phone_first = models.BooleanField(_("call first"), default=False)
    phone_hours = models.CharField(_("phone hours"), max_length=500, blank=True)
    referral_required = models.BooleanField(
        _("referral needed"),
        default=False,
        help_text=_("Only on referral by a doctor, a social worker or a service."),
    )
    referral_note = models.CharField(_("referral by"), max_length=255, blank=True)
    documents = models.TextField(_("documents to bring"), blank=True)
    anonymous = models.CharField(
        _("anonymous"), max_length=3, choices=Answer.choices, blank=True
    )
    online_url = models.URLField(_("online access"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    last_verified_on = models.DateField(_("last verified on"), null=True, blank=True)

    objects = ServiceQuerySet.as_manager()

    HOURS_FIELDS = ("walk_in_hours", "appointment_hours", "phone_hours")

    class Meta(Orderable.Meta):
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return self.name

    @property
    def is_free(self) -> bool:
        return self.cost == self.Cost.FREE

    @property
    def is_anonymous(self) -> bool:
        return self.anonymous == Answer.YES

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.minimum_age is not None
            and self.maximum_age is not None
            and self.maximum_age < self.minimum_age
        ):
            errors["maximum_age"] = _("The maximum age is below the minimum age.")
        for field in self.HOURS_FIELDS:
            message = opening_hours_error(getattr(self, field))
            if message:
                errors[field] = message
        if errors:
            raise ValidationError(errors)


class ServiceAtLocation(Orderable):
    """A service offered at one antenna, with its hours there when they differ."""

    service = ParentalKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="locations",
    )
    antenna = models.ForeignKey(
        Antenna,
        verbose_name=_("antenna"),
        on_delete=models.CASCADE,
        related_name="service_locations",
    )
    walk_in_hours = models.CharField(
        _("walk-in hours at this antenna"),
        max_length=500,
        blank=True,
        help_text=_("Only when they differ from the service's."),
    )
    appointment_hours = models.CharField(
        _("appointment hours at this antenna"), max_length=500, blank=True
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("service at an antenna")
        verbose_name_plural = _("services at antennas")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "antenna"], name="unique_service_at_antenna"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} @ {self.antenna}"

    def clean(self):
        super().clean()
        errors = {}
        # No service yet in the admin's nested form of a new service (the form
        # offers the organisation's antennas only): RelatedObjectDoesNotExist.
        service = getattr(self, "service", None)
        organisation_id = getattr(service, "organisation_id", None)
        if (
            self.antenna_id
            and organisation_id
            and self.antenna.organisation_id != organisation_id
        ):
            errors["antenna"] = _("This antenna belongs to another organisation.")
        for field in ("walk_in_hours", "appointment_hours"):
            message = opening_hours_error(getattr(self, field))
            if message:
                errors[field] = message
        if errors:
            raise ValidationError(errors)

    def effective_walk_in_hours(self) -> str:
        """When people can come without appointment here: this place's hours, else
        the service's, else the antenna's drop-in hours, else its opening hours.
        Empty when the service is not walk-in."""
        if not self.service.walk_in:
            return ""
        return (
            self.walk_in_hours
            or self.service.walk_in_hours
            or self.antenna.dropin_hours
            or self.antenna.opening_hours
        )

    def effective_appointment_hours(self) -> str:
        if not self.service.by_appointment:
            return ""
        return self.appointment_hours or self.service.appointment_hours


class ServiceContact(Orderable, ContactFields):
    """A contact for one service (its own line, its social worker…)."""

    service = ParentalKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )

    class Meta(Orderable.Meta):
        verbose_name = _("service contact")
        verbose_name_plural = _("service contacts")


def offers_prefetch() -> models.Prefetch:
    """An antenna's services with what the search and the filters read of them."""
    return models.Prefetch(
        "service_locations",
        queryset=ServiceAtLocation.objects.select_related("service").prefetch_related(
            "service__languages"
        ),
    )
