"""factory_boy factories for the portal's models."""

import factory
from django.contrib.auth import get_user_model

from directory.models import Antenna, FederationMembership, Organisation
from places.models import Commune


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    external_id = factory.Sequence(lambda n: f"org-{n:05d}")
    name_fr = factory.Sequence(lambda n: f"Service social {n}")
    name_nl = factory.Sequence(lambda n: f"Sociale dienst {n}")
    name = factory.LazyAttribute(lambda o: o.name_fr)
    description_fr = "Accueil, information et accompagnement social."
    description_nl = "Onthaal, informatie en sociale begeleiding."
    live = True


class AntennaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Antenna

    external_id = factory.Sequence(lambda n: f"ant-{n:05d}")
    organisation = factory.SubFactory(OrganisationFactory)
    name_fr = factory.Sequence(lambda n: f"Antenne {n}")
    name_nl = factory.Sequence(lambda n: f"Antenne {n}")
    name = factory.LazyAttribute(lambda o: o.name_fr)
    street = "Rue Royale"
    number = "1"
    postcode = "1030"
    commune = factory.LazyFunction(lambda: Commune.objects.get(refnis="21015"))
    opening_hours = "Mo-Fr 09:00-12:00,13:00-16:00; PH off"
    live = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FederationMembership

    member = factory.SubFactory(OrganisationFactory)
    federation = factory.SubFactory(OrganisationFactory)


# --- The service level (issue #17): services, where they are offered, contacts ----
# Kept together so that parallel branches adding the same factories merge easily.

from directory.models import (  # noqa: E402
    OrganisationContact,
    Service,
    ServiceAtLocation,
    ServiceContact,
)


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organisation = factory.SubFactory(OrganisationFactory)
    external_id = factory.Sequence(lambda n: f"svc-{n:05d}")
    name_fr = factory.Sequence(lambda n: f"Service {n}")
    name_nl = factory.Sequence(lambda n: f"Dienst {n}")
    name = factory.LazyAttribute(lambda o: o.name_fr)
    status = Service.Status.ACTIVE


class ServiceAtLocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceAtLocation

    service = factory.SubFactory(ServiceFactory)
    antenna = factory.SubFactory(
        AntennaFactory, organisation=factory.SelfAttribute("..service.organisation")
    )


class OrganisationContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationContact

    organisation = factory.SubFactory(OrganisationFactory)
    kind = OrganisationContact.Kind.MAIN
    phone = "02 555 00 00"


class ServiceContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceContact

    service = factory.SubFactory(ServiceFactory)
    kind = ServiceContact.Kind.MAIN
    phone = "02 555 00 01"
