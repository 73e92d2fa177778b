"""Demo data of the activities app: Steg for Steg's partners and grants, and a project that
reports its figures (Veien til et helt vanlig liv) with goals, budget and outcome counters.

Idempotent (get_or_create on natural keys)."""

from __future__ import annotations

import datetime as dt

from django.db.models import F

from activities.models import Activity, ActivityCategory
from core.models import Centre
from organisations.models import Organisation
from projects.models import (
    BudgetLine,
    GoalResult,
    Grant,
    OutcomeCounter,
    Partner,
    Project,
    ProjectGoal,
    ReportedFigure,
    YearTarget,
)

PARTNERS = [
    ("Fjordvik kommune, helse og omsorg", "public", "Henviser deltakere og stiller lokaler"),
    ("NAV Fjordvik", "public", "Arbeidstrening og praksisplasser"),
    ("Fjordvik sykehjem", "public", "Trivselstiltak for beboere"),
    ("Sparebankstiftelsen Fjordvik", "private", "Medfinansiering av turutstyr"),
    ("Kjøpesenteret Fjordvik Torg", "private", "Frivillige fra butikkene"),
]

OUTCOMES = [
    ("Hadde kontakt med en tidgiver", 35, False),
    ("Fikk individuell økonomisk rådgivning", 7, False),
    ("Fikk arbeidspraksis", 5, False),
    ("Lunsjer servert", 70, True),
    ("Tidgivere engasjert siden 2017", 47, False),
]


def seed(*, centre: Centre, today: dt.date) -> None:
    project = Project.objects.filter(centre=centre, slug="steg-for-steg").first()
    if project is None:
        return
    for position, text in enumerate(
        [
            "Minst 220 aktiviteter i året med 10 deltakere i snitt.",
            "Deltakerne får et fast, rusfritt fellesskap hver uke.",
        ]
    ):
        ProjectGoal.objects.get_or_create(
            centre=centre,
            project=project,
            kind=ProjectGoal.Kind.SUB_GOAL,
            text=text,
            defaults={"position": position},
        )
    # The last week's counts are still to be filled in (the "fill in counts" page shows them).
    held = Activity.objects.filter(project=project, cancelled=False, date__lte=today)
    if not held.filter(participants__isnull=True).exists():
        held.filter(date__gt=today - dt.timedelta(days=7)).update(participants=None)
    # About one participant in ten comes for the first time: they are the persons reached.
    Activity.objects.filter(
        project=project, participants__isnull=False, participants_new__isnull=True
    ).update(
        participants_new=F("participants") / 10,
        participants_returning=F("participants") - F("participants") / 10,
    )
    start = project.start_date or dt.date(today.year - 1, 1, 1)
    for name, kind, role in PARTNERS:
        Partner.objects.get_or_create(
            centre=centre,
            project=project,
            name=name,
            defaults={
                "kind": kind,
                "role": role,
                "agreement_start": start,
                "agreement_end": project.end_date,
            },
        )
    for year, amount in ((today.year - 1, 650_000), (today.year, 700_000)):
        Grant.objects.get_or_create(
            centre=centre,
            project=project,
            year=year,
            funder="Helsedirektoratet",
            defaults={"applied_nok": amount + 100_000, "granted_nok": amount},
        )
    _association_project(centre=centre, today=today)
    _reported_project(centre=centre, today=today)


def _reported_project(*, centre: Centre, today: dt.date) -> None:
    """ "Veien til et helt vanlig liv": a project that reports its figures instead of logging
    activities, with an effect goal and a budget (planned 210 persons, reached 75)."""
    first, last = today.year - 2, today.year
    project, created = Project.objects.get_or_create(
        centre=centre,
        slug="veien-til-et-helt-vanlig-liv",
        defaults={
            "name": "Veien til et helt vanlig liv",
            "owner_name": "Blå Kors Fjordvik",
            "programme": "Tilskudd til rusfeltet (Helsedirektoratet)",
            "leader": "Ola Nordmann",
            "start_date": dt.date(first, 1, 1),
            "end_date": dt.date(last, 12, 31),
            "status": Project.Status.RUNNING,
            "main_goal": "Mennesker som har vært rusavhengige får et helt vanlig liv med arbeid, "
            "bolig og et nettverk uten rus.",
            "target_group": "Voksne som har avsluttet rusbehandling.",
            "planned_reach": 210,
        },
    )
    if not created:
        return
    ReportedFigure.objects.create(
        centre=centre, project=project, figure="persons_reached", value=75, year=None
    )
    ReportedFigure.objects.create(
        centre=centre,
        project=project,
        figure="project_volunteers",
        value=47,
        year=None,
        comment="Tidgivere engasjert siden oppstart",
    )
    for position, text in enumerate(
        [
            "Deltakerne får en fast tidgiver de møter hver uke.",
            "Flere deltakere kommer i arbeidspraksis eller utdanning.",
        ]
    ):
        ProjectGoal.objects.create(
            centre=centre,
            project=project,
            kind=ProjectGoal.Kind.SUB_GOAL,
            text=text,
            position=position,
        )
    effect = ProjectGoal.objects.create(
        centre=centre,
        project=project,
        kind=ProjectGoal.Kind.EFFECT_GOAL,
        text="80 % av deltakerne når hovedmålene de satte seg ved oppstart.",
        measure="Andel deltakere som i sluttsamtalen har nådd hovedmålene sine",
        target=80,
        unit=ProjectGoal.Unit.PERCENT,
    )
    GoalResult.objects.create(
        centre=centre,
        project=project,
        goal=effect,
        year=last - 1,
        value=72,
        comment="Målt i oppfølgingssamtalene i desember.",
    )
    for year in range(first, last + 1):
        grant = Grant.objects.create(
            centre=centre,
            project=project,
            year=year,
            funder="Helsedirektoratet",
            applied_nok=250_000,
            granted_nok=230_000 if year == first else 250_000,
        )
        for name, budget, accounts in (
            ("Prosjektledelse", 230_000, 228_500 if year < last else None),
            ("Tiltak i prosjektet", 20_000, 21_500 if year < last else None),
        ):
            BudgetLine.objects.create(
                centre=centre,
                project=project,
                year=year,
                kind=BudgetLine.Kind.EXPENSE,
                name=name,
                budget=budget,
                accounts=accounts,
            )
        BudgetLine.objects.create(
            centre=centre,
            project=project,
            year=year,
            kind=BudgetLine.Kind.INCOME,
            source=BudgetLine.Source.STATE_GRANT,
            name="Helsedirektoratet",
            grant=grant,
            budget=250_000,
            accounts=grant.granted_nok if year < last else None,
        )
        for name, value, approximate in OUTCOMES:
            OutcomeCounter.objects.create(
                centre=centre,
                project=project,
                year=year,
                name=name,
                value=value if year < last else max(value // 2, 1),
                is_approximate=approximate,
            )


def _association_project(*, centre: Centre, today: dt.date) -> None:
    """The demo association (Fjordvik Sanitetsforening) runs a visiting service of its own."""
    organisation = Organisation.objects.filter(
        centre=centre, name="Fjordvik Sanitetsforening"
    ).first()
    if organisation is None:
        return
    project, _ = Project.objects.get_or_create(
        centre=centre,
        slug="besoksvenn",
        defaults={
            "name": "Besøksvenn på sykehjemmet",
            "organisation": organisation,
            "owner_name": organisation.name,
            "start_date": dt.date(today.year, 1, 1),
            "status": Project.Status.RUNNING,
            "main_goal": "Beboere på Fjordvik sykehjem får besøk hver uke.",
        },
    )
    YearTarget.objects.get_or_create(
        centre=centre,
        project=project,
        year=today.year,
        defaults={"activities": 40, "average_participants": 6},
    )
    category = ActivityCategory.objects.filter(name="En-til-en hjelp").first()
    if category is None or project.activities.exists():
        return
    day = dt.date(today.year, 1, 1) + dt.timedelta(
        days=(3 - dt.date(today.year, 1, 1).weekday()) % 7
    )
    new = []
    while day <= today:
        new.append(
            Activity(
                centre=centre,
                project=project,
                organiser=organisation,
                title="Besøksvenn",
                category=category,
                date=day,
                start_time=dt.time(14),
                end_time=dt.time(15, 30),
                place="Fjordvik sykehjem",
                participants=None if day > today - dt.timedelta(days=7) else 4 + day.day % 4,
                volunteer_count=2,
                volunteer_hours=3,
            )
        )
        day += dt.timedelta(days=14)
    Activity.objects.bulk_create(new)
