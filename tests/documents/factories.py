"""factory_boy factories for the documentation centre."""

import factory

from documents.models import (
    Publication,
    PublicationAuthor,
    PublicationCorporateAuthor,
    PublicationFileLink,
)


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    external_id = factory.Sequence(lambda n: f"pub-{n:05d}")
    kind = Publication.Kind.REPORT
    title_fr = factory.Sequence(lambda n: f"Rapport social {n}")
    title_nl = factory.Sequence(lambda n: f"Sociaal verslag {n}")
    title = factory.LazyAttribute(lambda o: o.title_fr)
    year = 2020
    live = True


class PublicationAuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicationAuthor

    publication = factory.SubFactory(PublicationFactory)
    family_name = "Dumont"
    given_names = "Marc"


class PublicationCorporateAuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicationCorporateAuthor

    publication = factory.SubFactory(PublicationFactory)
    name = "Conseil bruxellois de coordination sociopolitique"


class PublicationFileLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicationFileLink

    publication = factory.SubFactory(PublicationFactory)
