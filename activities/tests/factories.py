import datetime as dt

import factory

from activities.models import ActivitySeries
from projects.models import (
    BudgetLine,
    GoalResult,
    Grant,
    OutcomeCounter,
    Partner,
    ProjectGoal,
    ReportedFigure,
)
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


class ReportedFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportedFigure

    project = factory.SubFactory(ProjectFactory)
    centre = factory.SelfAttribute("project.centre")
    figure = "persons_reached"
    year = None
    value = 75


class ProjectGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectGoal

    project = factory.SubFactory(ProjectFactory)
    centre = factory.SelfAttribute("project.centre")
    kind = "effect"
    text = "80 % av deltakerne når hovedmålene de satte seg ved oppstart."
    target = 80
    unit = "percent"


class GoalResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalResult

    goal = factory.SubFactory(ProjectGoalFactory)
    project = factory.SelfAttribute("goal.project")
    centre = factory.SelfAttribute("goal.centre")
    year = 2025
    value = 82


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    project = factory.SubFactory(ProjectFactory)
    centre = factory.SelfAttribute("project.centre")
    year = 2025
    kind = "expense"
    name = factory.Sequence(lambda n: f"Budsjettpost {n}")
    budget = 100_000
