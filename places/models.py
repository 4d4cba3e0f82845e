"""Belgium's places: its communes and postcodes, and the geocoder's answers.

The tables keep the ``directory_`` names they were created with (the models moved
here from the directory; see migrations ``places/0001`` and ``directory/0005``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class Region(models.TextChoices):
    BRUSSELS = "brussels", _("Brussels-Capital Region")
    WALLONIA = "wallonia", _("Walloon Region")
    FLANDERS = "flanders", _("Flemish Region")


class CommuneQuerySet(models.QuerySet):
    def in_region(self, region: str) -> CommuneQuerySet:
        return self.filter(region=region)


class Commune(index.Indexed, models.Model):
    """One of Belgium's 565 communes (2025), from the Statbel/NGI gazetteer."""

    refnis = models.CharField(_("REFNIS code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_de = models.CharField(_("name in German"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100)
    region = models.CharField(_("region"), max_length=10, choices=Region.choices)
    province = models.CharField(_("province"), max_length=60, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    centroid_source = models.CharField(_("centroid source"), max_length=200, blank=True)

    objects = CommuneQuerySet.as_manager()

    search_fields = [
        index.SearchField("name_fr", boost=2),
        index.SearchField("name_nl", boost=2),
        index.SearchField("postcode_list"),
        index.AutocompleteField("name_fr"),
        index.AutocompleteField("name_nl"),
        index.FilterField("region"),
        index.FilterField("refnis"),
    ]

    class Meta:
        db_table = "directory_commune"
        ordering = ["name"]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def __str__(self) -> str:
        return self.name

    def postcode_list(self) -> str:
        """Its postcodes, for the search index (``1030`` finds Schaerbeek)."""
        return " ".join(self.postcodes.values_list("code", flat=True))


class Postcode(models.Model):
    """A postcode and one commune it belongs to (1040 and 1050 span two)."""

    code = models.CharField(_("postcode"), max_length=4, db_index=True)
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        on_delete=models.CASCADE,
        related_name="postcodes",
    )

    class Meta:
        db_table = "directory_postcode"
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "commune"], name="unique_postcode_commune"
            )
        ]
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")

    def __str__(self) -> str:
        return f"{self.code} {self.commune}"


class Precision(models.TextChoices):
    ADDRESS = "address", _("Address")
    STREET = "street", _("Street")
    POSTCODE = "postcode", _("Postcode")
    COMMUNE = "commune", _("Commune")
    NONE = "none", _("Not located")


class GeocodedAddress(models.Model):
    """Cache of the geocoder's answers, so each address is asked once."""

    query = models.CharField(_("query"), max_length=300, unique=True)
    provider = models.CharField(_("provider"), max_length=20)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    precision = models.CharField(
        _("precision"), max_length=10, choices=Precision.choices, default=Precision.NONE
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "directory_geocodedaddress"
        verbose_name = _("geocoded address")
        verbose_name_plural = _("geocoded addresses")

    def __str__(self) -> str:
        return self.query
