from modeltranslation.translator import TranslationOptions, register

from directory.models import (
    Antenna,
    Category,
    Language,
    Organisation,
    OrganisationContact,
    Public,
    Service,
    ServiceAtLocation,
    ServiceContact,
)


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Public)
class PublicTranslation(TranslationOptions):
    fields = ("name",)


@register(Language)
class LanguageTranslation(TranslationOptions):
    fields = ("name",)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Antenna)
class AntennaTranslation(TranslationOptions):
    fields = ("name", "public_transport")


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = (
        "name",
        "description",
        "eligibility",
        "required_status",
        "cost_note",
        "referral_note",
        "documents",
    )


@register(ServiceAtLocation)
class ServiceAtLocationTranslation(TranslationOptions):
    fields = ("note",)


@register(OrganisationContact)
class OrganisationContactTranslation(TranslationOptions):
    fields = ("role", "note")


@register(ServiceContact)
class ServiceContactTranslation(TranslationOptions):
    fields = ("role", "note")
