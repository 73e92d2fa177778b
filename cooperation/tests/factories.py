from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from cooperation.models import (
    BookletJob,
    Contribution,
    MunicipalUnit,
    Partnership,
    Side,
    Story,
    StoryConsent,
)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MunicipalUnit

    municipality = factory.SubFactory("tests.factories.MunicipalityFactory")
    kind = MunicipalUnit.Kind.AGENCY
    name = factory.Sequence(lambda n: f"Etat {n}")


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership
        skip_postgeneration_save = True

    organisation = factory.SubFactory("tests.factories.OrganisationFactory")
    centre = factory.SelfAttribute("organisation.centre")
    title = factory.Sequence(lambda n: f"Samarbeid {n}")
    purpose = "Arbeidstrening for unge voksne"
    status = Partnership.Status.ACTIVE
    start_date = dt.date(2024, 1, 1)
    end_date = dt.date(2027, 12, 31)
    forms = "grant,purchase"

    @factory.post_generation
    def units(self, create, extracted, **kwargs):
        if not create:
            return
        units = extracted or [UnitFactory(municipality=self.centre.municipality)]
        self.units.set(units)


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    partnership = factory.SubFactory(PartnershipFactory)
    centre = factory.SelfAttribute("partnership.centre")
    year = 2025
    side = Side.MUNICIPALITY
    kind = Contribution.Kind.MONEY
    amount = 250000


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story
        skip_postgeneration_save = True

    class Params:
        published = False

    partnership = factory.SubFactory(PartnershipFactory)
    centre = factory.SelfAttribute("partnership.centre")
    title = factory.Sequence(lambda n: f"Historie {n}")
    theme = "work"
    idea = "Unge uten jobb trengte en vei inn."
    what_happened = "Kommunen tok kontakt og vi skrev en avtale."
    success = "Kommunen kjøpte arbeidsplasser."
    barriers = "Usikker finansiering."
    helped_most = "Faste kontaktpersoner."
    lessons = "Start smått."
    status = factory.LazyAttribute(lambda o: "approved" if o.published else "draft")
    published_at = factory.LazyAttribute(lambda o: timezone.now() if o.published else None)

    @factory.post_generation
    def consents(self, create, extracted, **kwargs):
        if create and self.published_at:
            for side in Side.values:
                StoryConsent.objects.create(
                    story=self, centre=self.centre, side=side, given_at=timezone.now()
                )


class BookletJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BookletJob

    centre = factory.SubFactory("tests.factories.CentreFactory")
