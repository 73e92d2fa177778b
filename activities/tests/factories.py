import datetime as dt

import factory

from activities.models import ActivitySeries, Grant, OutcomeCounter, Partner
from tests.factories import ActivityCategoryFactory, ProjectFactory


class ActivitySeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivitySeries

    project = factory.SubFactory(ProjectFactory)
    centre = factory.SelfAttribute("project.centre")
    title = "Turgruppe"
    category = factory.SubFactory(ActivityCategoryFactory)
    weekday = 1
    start_time = dt.time(11)
    end_time = dt.time(13)
    first_date = dt.date(2025, 1, 1)
    last_date = dt.date(2025, 1, 31)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    project = factory.SubFactory(ProjectFactory)
    centre = factory.SelfAttribute("project.centre")
    name = factory.Sequence(lambda n: f"Partner {n}")
    kind = Partner.Kind.PUBLIC


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grant

    project = factory.SubFactory(ProjectFactory)
    centre = factory.SelfAttribute("project.centre")
    year = 2025
    funder = factory.Sequence(lambda n: f"Stiftelse {n}")
    applied_nok = 700_000
    granted_nok = 650_000


class OutcomeCounterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeCounter

    project = factory.SubFactory(ProjectFactory)
    centre = factory.SelfAttribute("project.centre")
    year = 2025
    name = factory.Sequence(lambda n: f"Resultat {n}")
    value = 35
